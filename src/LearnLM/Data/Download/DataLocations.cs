namespace LearnLM.Data.Download;

/// <summary>
/// Where datasets live (chapter 1): one writable cache that <c>learnlm data fetch</c> fills, and read-only places
/// where someone already put them. A dataset is the folder named after it in any of these roots.
/// </summary>
/// <param name="Cache">Writable: <c>$LEARNLM_DATA_DIR</c>, else <c>$XDG_CACHE_HOME/learnlm</c>, else <c>~/.cache/learnlm</c>.</param>
/// <param name="ReadOnly">Searched before the cache: <c>$LEARNLM_SHARED_DATA</c>, the repository's <c>../shared/datasets</c>, <c>/usr/share/datasets</c> (Debian's dataset packages).
/// <c>LEARNLM_SHARED_DATA=none</c> searches none of them: the cache alone, as on a fresh offline laptop.</param>
public sealed record DataLocations(string Cache, IReadOnlyList<string> ReadOnly)
{
    /// <summary>The locations the environment variables and this machine give.</summary>
    public static DataLocations FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The locations that the given environment variables (and this machine's folders) give.</summary>
    public static DataLocations FromVariables(Func<string, string?> variable) =>
        new(DefaultCache(variable), DefaultReadOnly(variable).Distinct().ToList());

    /// <summary>Every root in search order: read-only ones first (system-managed copies), then the cache.</summary>
    public IEnumerable<string> SearchOrder => ReadOnly.Append(Cache);

    /// <summary>A hidden folder in the cache for partial downloads and extraction; never mistaken for a dataset.</summary>
    public string Staging => Path.Combine(Cache, ".downloads");

    static string DefaultCache(Func<string, string?> variable)
    {
        if (variable("LEARNLM_DATA_DIR") is { Length: > 0 } explicitDir) return Path.GetFullPath(explicitDir);
        if (variable("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "learnlm");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "learnlm");
    }

    /// <summary>The <c>LEARNLM_SHARED_DATA</c> value that turns off every read-only root.</summary>
    public const string NoSharedData = "none";

    static IEnumerable<string> DefaultReadOnly(Func<string, string?> variable)
    {
        string? shared = variable("LEARNLM_SHARED_DATA");
        // The machine's copies would otherwise always win; "none" lets a test or a teacher see what a student without them sees.
        if (string.Equals(shared, NoSharedData, StringComparison.OrdinalIgnoreCase)) yield break;
        if (shared is { Length: > 0 }) yield return Path.GetFullPath(shared);
        if (RepositoryRoot() is { } repo)
        {
            string beside = Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets"));
            if (Directory.Exists(beside)) yield return beside;
        }
        yield return "/usr/share/datasets";
    }

    /// <summary>The checkout this process runs from (found by walking up to LearnLM.sln), or null when installed elsewhere.</summary>
    internal static string? RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LearnLM.sln"))) return dir.FullName;
        return null;
    }
}
