using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// The teacher's half of an assignment, written by `learnlm assign`: every exercise with its points and the code
/// of all its checks, hidden ones included. `learnlm grade` runs these checks, never the students' copies of them.
/// Keep it away from students. Chapter 1 (setup) introduces exercises.
/// </summary>
/// <param name="Notebook">File name of the student copy it belongs to.</param>
public sealed record GradingKey(string Format, string Notebook, IReadOnlyList<KeyExercise> Exercises)
{
    public const string CurrentFormat = "learnlm-grading-key/1";

    public double MaxPoints => Exercises.Sum(e => e.MaxPoints);

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a teacher reads the checks in the key; keep quotes as quotes
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <exception cref="GradingFormatException">Not a LearnLM grading key; the message says what to pass instead.</exception>
    public static GradingKey Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new GradingFormatException($"{path}: cannot read the grading key ({e.Message})."); }
        GradingKey? key;
        try { key = JsonSerializer.Deserialize<GradingKey>(text, Json); }
        catch (JsonException e)
        { throw new GradingFormatException($"{path} is not a grading key ({e.Message}). Pass the .key.json that `learnlm assign` wrote, or use --self to run a notebook's own checks."); }
        if (key is null || key.Format != CurrentFormat || key.Exercises is null)
            throw new GradingFormatException($"{path} is not a grading key (expected \"format\": \"{CurrentFormat}\"). Pass the .key.json that `learnlm assign` wrote, or use --self.");
        for (int i = 0; i < key.Exercises.Count; i++)
        {
            var exercise = key.Exercises[i];
            if (exercise is null || string.IsNullOrWhiteSpace(exercise.Id) || exercise.Checks is null || exercise.Checks.Count == 0
                || exercise.Checks.Any(c => c is null || c.Source is null || c.Points < 0))
                throw new GradingFormatException($"{path}: exercise {i + 1} needs an id and at least one check with source and points ≥ 0. Recreate the key with `learnlm assign`.");
        }
        return key;
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then moves it over.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());
}

public sealed record KeyExercise(string Id, IReadOnlyList<KeyCheck> Checks)
{
    public double MaxPoints => Checks.Sum(c => c.Points);
}

/// <param name="CellNumber">Where the check sat in the teacher's notebook (1-based), for the teacher's own reading.</param>
public sealed record KeyCheck(string Source, bool Hidden, double Points, int CellNumber);
