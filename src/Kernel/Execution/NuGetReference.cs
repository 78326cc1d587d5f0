using System.Text.RegularExpressions;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// A <c>#r "nuget: Name, Version"</c> line of a cell (chapter 1). Roslyn does not know these, so the engine takes
/// them out (leaving the line blank, to keep line numbers), restores the packages and references their assemblies.
/// </summary>
sealed record NuGetReference(string Name, string? Version, int Line)
{
    static readonly Regex Directive = new(@"^\s*#r\s+""nuget:\s*(?<spec>[^""]*)""\s*$", RegexOptions.Compiled);

    /// <summary>The cell's nuget references, and its code with those lines blanked.</summary>
    /// <exception cref="NuGetRestoreException">A malformed reference.</exception>
    public static (IReadOnlyList<NuGetReference> References, string Code) Extract(string code)
    {
        if (!code.Contains("nuget:", StringComparison.OrdinalIgnoreCase)) return ([], code);
        var lines = code.Split('\n');
        var references = new List<NuGetReference>();
        for (int i = 0; i < lines.Length; i++)
        {
            var match = Directive.Match(lines[i].TrimEnd('\r'));
            if (!match.Success) continue;
            var parts = match.Groups["spec"].Value.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length > 2 || parts[0].Length == 0 || !Regex.IsMatch(parts[0], @"^[A-Za-z0-9_.\-]+$"))
                throw new NuGetRestoreException($"(line {i + 1}) '{lines[i].Trim()}' is not a package reference. Write #r \"nuget: Name, Version\" (the version is optional).");
            references.Add(new NuGetReference(parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null, i + 1));
            lines[i] = "";
        }
        return (references, string.Join('\n', lines));
    }
}

/// <summary>A package that cannot be restored; the message names it and says what the restore reported.</summary>
public sealed class NuGetRestoreException(string message) : Exception(message);
