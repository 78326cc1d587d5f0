namespace LearnLM.Data;

/// <summary>
/// The small real datasets shipped in the repository's <c>datasets/samples/</c> (licences allowing it), so the main
/// job and quick-mode notebooks run with no network. Build outputs that need them carry a copy beside the
/// assemblies; from a checkout they are also found by walking up to the repository.
/// </summary>
public static class Samples
{
    /// <summary>The folder of sample <paramref name="name"/>, e.g. "fashion-mnist-small".</summary>
    public static string Locate(string name)
    {
        foreach (var root in Roots())
        {
            string candidate = Path.Combine(root, name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"The embedded sample '{name}' was not found (looked in {string.Join(", ", Roots())}). " +
            "It ships in the repository's datasets/samples folder; set LEARNLM_SAMPLES to that folder if you moved it.");
    }

    static IEnumerable<string> Roots()
    {
        if (Environment.GetEnvironmentVariable("LEARNLM_SAMPLES") is { Length: > 0 } fromEnv) yield return fromEnv;
        yield return Path.Combine(AppContext.BaseDirectory, "datasets", "samples");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LearnLM.sln")))
            {
                yield return Path.Combine(dir.FullName, "datasets", "samples");
                yield break;
            }
    }
}
