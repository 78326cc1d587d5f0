namespace LearnLM.Build.NativePatch;

/// <summary>The NuGet cache is shared by every project on the machine: patches go to build outputs only.</summary>
public static class NuGetCacheGuard
{
    public static void EnsureOutside(string directory)
    {
        string full = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        var caches = new[]
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        foreach (var cache in caches.Where(c => !string.IsNullOrEmpty(c)))
        {
            string root = Path.GetFullPath(cache!) + Path.DirectorySeparatorChar;
            if (full.StartsWith(root, StringComparison.Ordinal))
                throw new PatchException($"{directory} is inside the NuGet package cache ({cache}); patch a build output's copy instead.");
        }
    }
}
