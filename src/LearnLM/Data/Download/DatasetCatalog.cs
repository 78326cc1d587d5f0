namespace LearnLM.Data.Download;

/// <summary>
/// The dataset manifests LearnLM ships (chapter 1): <c>datasets/manifests/*.json</c>, copied beside the
/// <c>learnlm</c> executable and found in a checkout by walking up to the repository.
/// </summary>
public sealed class DatasetCatalog
{
    readonly Dictionary<string, DatasetManifest> _byName;

    public DatasetCatalog(IEnumerable<DatasetManifest> manifests)
    {
        _byName = new(StringComparer.OrdinalIgnoreCase);
        foreach (var manifest in manifests)
            if (!_byName.TryAdd(manifest.Name, manifest))
                throw new InvalidDataException($"Two manifests are named '{manifest.Name}'; names must be unique.");
    }

    /// <summary>Every manifest in <paramref name="folder"/>.</summary>
    public static DatasetCatalog Load(string folder) =>
        new(Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(DatasetManifest.Load));

    /// <summary>The shipped manifests (<c>$LEARNLM_MANIFESTS</c>, beside the executable, or the checkout's).</summary>
    public static DatasetCatalog Default() => Load(LocateFolder());

    public IReadOnlyCollection<DatasetManifest> All => _byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public DatasetManifest this[string name] =>
        _byName.TryGetValue(name, out var manifest) ? manifest
            : throw new KeyNotFoundException($"No dataset is named '{name}'. Known: {string.Join(", ", All.Select(m => m.Name))}. See `learnlm data list`.");

    public bool Contains(string name) => _byName.ContainsKey(name);

    static string LocateFolder()
    {
        var tried = new List<string>();
        if (Environment.GetEnvironmentVariable("LEARNLM_MANIFESTS") is { Length: > 0 } fromEnv) tried.Add(fromEnv);
        tried.Add(Path.Combine(AppContext.BaseDirectory, "datasets", "manifests"));
        if (DataLocations.RepositoryRoot() is { } repo) tried.Add(Path.Combine(repo, "datasets", "manifests"));
        return tried.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException(
                $"The dataset manifests were not found (looked in {string.Join(", ", tried)}). They ship in the repository's " +
                "datasets/manifests folder; set LEARNLM_MANIFESTS to it if you moved it.");
    }
}
