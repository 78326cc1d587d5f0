namespace LearnLM.Tests.Common;

/// <summary>
/// The team's real datasets live in ../shared/datasets beside the repository (or wherever LEARNLM_SHARED_DATA
/// points). A user's fresh clone has none, so tests that need them skip with a message instead of failing.
/// </summary>
public static class SharedData
{
    public static string? Root
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("LEARNLM_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnv)) return Directory.Exists(fromEnv) ? fromEnv : null;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LearnLM.sln")))
                {
                    string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                    return Directory.Exists(shared) ? shared : null;
                }
            }
            return null;
        }
    }

    /// <summary>The path of a shared dataset folder, or a skipped test saying what is missing.</summary>
    public static string Require(string dataset)
    {
        string? root = Root;
        if (root is null)
            Assert.Skip($"../shared/datasets is not present (set LEARNLM_SHARED_DATA to use it); '{dataset}' tests skipped.");
        string path = Path.Combine(root, dataset);
        if (!Directory.Exists(path) && !File.Exists(path))
            Assert.Skip($"{path} is not present; '{dataset}' tests skipped.");
        return path;
    }

    /// <summary>The repository root, found by walking up from the test assembly.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LearnLM.sln"))) return dir.FullName;
            throw new InvalidOperationException("LearnLM.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
