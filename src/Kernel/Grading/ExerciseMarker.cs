using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Grading;

/// <summary>What a code cell is to the grader: part of an exercise's solution, a visible check, or a hidden check.</summary>
public enum ExerciseRole { Solution, Check, HiddenCheck }

/// <summary>
/// The marker that makes a code cell part of an exercise. Written as the cell's first line —
/// <c>// exercise: ex1-sigmoid</c>, <c>// exercise: ex1-sigmoid check points: 1</c>,
/// <c>// exercise: ex1-sigmoid hidden check points: 2</c> — or as cell metadata
/// <c>"learnlm": {"exercise": "ex1-sigmoid", "kind": "solution" | "check" | "hidden-check", "points": 2}</c>.
/// Points belong to check cells (default 1). See Grading/README.md; chapter 1 (setup) introduces exercises.
/// </summary>
public sealed partial record ExerciseMarker(string ExerciseId, ExerciseRole Role, double Points)
{
    public bool IsCheck => Role != ExerciseRole.Solution;

    /// <summary>The marker of a code cell, or null for an ordinary cell.</summary>
    /// <param name="cellNumber">1-based, for error messages.</param>
    /// <exception cref="GradingFormatException">The marker is malformed; the message names the cell and the fix.</exception>
    public static ExerciseMarker? Read(NotebookCell cell, int cellNumber)
    {
        if (!cell.IsCode) return null;
        if (cell.Metadata["learnlm"] is JsonObject metadata && metadata["exercise"] is not null)
            return FromMetadata(metadata, cellNumber);
        return FromComment(cell.Source, cellNumber);
    }

    /// <summary>Reads the comment form from a cell's first non-blank line; null when that line is not a marker.</summary>
    public static ExerciseMarker? FromComment(string source, int cellNumber)
    {
        string? first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (first is null) return null;
        var match = CommentPattern().Match(first);
        if (!match.Success) return null;

        var tokens = PointsPattern().Replace(match.Groups["rest"].Value, "points:")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
            throw new GradingFormatException($"cell {cellNumber}: '{first}' names no exercise. Write e.g. '// exercise: ex1-sigmoid check points: 1'.");
        string id = ValidId(tokens[0], cellNumber);
        bool check = false, hidden = false;
        double? points = null;
        foreach (string token in tokens.Skip(1))
        {
            switch (token.ToLowerInvariant())
            {
                case "check": check = true; break;
                case "hidden": hidden = true; break;
                case "hidden-check": hidden = check = true; break;
                case var p when p.StartsWith("points:", StringComparison.Ordinal):
                    points = ParsePoints(p["points:".Length..], cellNumber); break;
                default:
                    throw new GradingFormatException($"cell {cellNumber}: unknown word '{token}' in '{first}'. A marker reads '// exercise: ID [check | hidden check] [points: N]'.");
            }
        }
        return Create(id, hidden ? ExerciseRole.HiddenCheck : check ? ExerciseRole.Check : ExerciseRole.Solution, points, cellNumber);
    }

    static ExerciseMarker FromMetadata(JsonObject metadata, int cellNumber)
    {
        string id = ValidId(metadata["exercise"]?.GetValueKind() == JsonValueKind.String ? metadata["exercise"]!.GetValue<string>() : "", cellNumber);
        string kind = metadata["kind"]?.GetValueKind() == JsonValueKind.String ? metadata["kind"]!.GetValue<string>() : "solution";
        var role = kind switch
        {
            "solution" => ExerciseRole.Solution,
            "check" => ExerciseRole.Check,
            "hidden-check" => ExerciseRole.HiddenCheck,
            _ => throw new GradingFormatException($"cell {cellNumber}: metadata learnlm.kind is '{kind}'; use \"solution\", \"check\" or \"hidden-check\"."),
        };
        double? points = metadata["points"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            var other => throw new GradingFormatException($"cell {cellNumber}: metadata learnlm.points must be a number, not {other.ToJsonString()}."),
        };
        return Create(id, role, points, cellNumber);
    }

    static ExerciseMarker Create(string id, ExerciseRole role, double? points, int cellNumber)
    {
        if (role == ExerciseRole.Solution && points is not null)
            throw new GradingFormatException($"cell {cellNumber}: points belong on check cells, not on the solution cell of '{id}'. Add 'check' or move the points to a check cell.");
        if (points is < 0 || points is double.NaN)
            throw new GradingFormatException($"cell {cellNumber}: points must be zero or more.");
        return new ExerciseMarker(id, role, role == ExerciseRole.Solution ? 0 : points ?? 1);
    }

    static string ValidId(string id, int cellNumber) =>
        IdPattern().IsMatch(id) ? id
            : throw new GradingFormatException($"cell {cellNumber}: exercise id '{id}' must be letters, digits, '-', '_' or '.' (e.g. ex1-sigmoid).");

    static double ParsePoints(string text, int cellNumber) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
            : throw new GradingFormatException($"cell {cellNumber}: points '{text}' is not a number.");

    [GeneratedRegex(@"^//\s*exercise\s*:\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"points\s*[:=]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex PointsPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    private static partial Regex IdPattern();
}

/// <summary>An exercise notebook or grading key that breaks the exercise format; the message says where and how to fix it.</summary>
public sealed class GradingFormatException(string message) : Exception(message);
