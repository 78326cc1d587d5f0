namespace LearnLM.Data.Download;

/// <summary>
/// Finds, fetches and verifies the datasets of the manifests (chapter 1; used by chapters 8, 9, 11, 12).
/// A copy counts as present when every required file of its manifest exists with the right size; <see cref="Verify"/>
/// also checks SHA-256. <see cref="FetchAsync"/> builds the dataset's folder in the cache's staging area and renames it
/// into place only once every file is downloaded, extracted and verified — a failure leaves no dataset folder behind.
/// </summary>
public sealed class DatasetStore(DatasetCatalog catalog, DataLocations locations, Downloader? downloader = null)
{
    readonly Downloader _downloader = downloader ?? new Downloader();

    /// <summary>The shipped manifests and the locations the environment gives.</summary>
    public static DatasetStore Default() => new(DatasetCatalog.Default(), DataLocations.FromEnvironment());

    public DatasetCatalog Catalog => catalog;
    public DataLocations Locations => locations;

    /// <summary>Every known dataset and where a copy is present.</summary>
    public IReadOnlyList<DatasetStatus> List() =>
        catalog.All.Select(m => new DatasetStatus(m, Copies(m).ToList())).ToList();

    /// <summary>The first folder holding a complete copy of <paramref name="name"/>, or null.</summary>
    public string? Find(string name) => Copies(catalog[name]).FirstOrDefault();

    /// <summary>The folder of <paramref name="name"/>, or an error saying where it was looked for and how to get it.</summary>
    public string Path(string name) =>
        Find(name) ?? throw new DirectoryNotFoundException(
            $"The dataset '{name}' is not present (looked for a complete '{name}' folder in {string.Join(", ", locations.SearchOrder)}). " +
            $"Run `learnlm data fetch {name}` to download it into {locations.Cache}.");

    /// <summary>Checks sizes and SHA-256 of every required file of the copy <see cref="Find"/> returns (or of <paramref name="folder"/>).</summary>
    public VerificationReport Verify(string name, string? folder = null)
    {
        var manifest = catalog[name];
        folder ??= Copies(manifest, requireComplete: false).FirstOrDefault()
                   ?? throw new DirectoryNotFoundException($"No copy of '{name}' was found to verify. Run `learnlm data fetch {name}`.");
        var checks = manifest.RequiredContents.Select(content => Check(folder, content)).ToList();
        return new VerificationReport(manifest.Name, folder, checks);
    }

    /// <summary>
    /// Makes <paramref name="name"/> present: returns an existing complete copy, or downloads, extracts and verifies
    /// it into the cache. Throws (and leaves no dataset folder in the cache) when any step fails.
    /// </summary>
    public async Task<string> FetchAsync(string name, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var manifest = catalog[name];
        if (Find(manifest.Name) is { } existing) return existing;

        string downloads = System.IO.Path.Combine(locations.Staging, manifest.Name);
        string building = System.IO.Path.Combine(locations.Staging, $"{manifest.Name}.building-{Guid.NewGuid():N}");
        string final = System.IO.Path.Combine(locations.Cache, manifest.Name);
        try
        {
            Directory.CreateDirectory(building);
            foreach (var file in manifest.Files)
            {
                string downloaded = System.IO.Path.Combine(downloads, file.Name);
                if (!File.Exists(downloaded))
                    await _downloader.DownloadAsync(new Uri(file.Url), downloaded, file.Sha256, file.Size, progress, cancellationToken);
                else if (file.Sha256 is not null)
                    FileChecksum.Verify(downloaded, file.Sha256, $"It was deleted; run `learnlm data fetch {manifest.Name}` again.");
                if (file.Sha256 is null && file.Md5 is not null)
                    FileChecksum.VerifyMd5(downloaded, file.Md5, $"It was deleted; run `learnlm data fetch {manifest.Name}` again.");
                if (file.Archive is { } kind)
                    ArchiveExtractor.Extract(downloaded, kind, file.ArchiveRoot, building);
                else
                    File.Copy(downloaded, System.IO.Path.Combine(building, file.Name), overwrite: true);
            }
            var report = Verify(manifest.Name, building);
            report = report with { Folder = final };
            report.ThrowIfFailed();
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true); // an incomplete copy someone left by hand
            Directory.Move(building, final);
            Directory.Delete(downloads, recursive: true); // verified and in place: the downloads are no longer needed
            return final;
        }
        catch (Exception e) when (e is ChecksumMismatchException or InvalidDataException)
        {
            // A corrupt file must not be resumed or reused next time.
            if (Directory.Exists(downloads)) Directory.Delete(downloads, recursive: true);
            throw;
        }
        finally
        {
            if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
        }
    }

    IEnumerable<string> Copies(DatasetManifest manifest, bool requireComplete = true) =>
        locations.SearchOrder
            .Select(root => System.IO.Path.Combine(root, manifest.Name))
            .Where(Directory.Exists)
            .Where(folder => !requireComplete || manifest.RequiredContents.All(c => IsPresent(folder, c)));

    static bool IsPresent(string folder, ManifestContent content)
    {
        var info = new FileInfo(System.IO.Path.Combine(folder, content.Path));
        return info.Exists && (content.Size is null || info.Length == content.Size);
    }

    static FileCheck Check(string folder, ManifestContent content)
    {
        string path = System.IO.Path.Combine(folder, content.Path);
        var info = new FileInfo(path);
        if (!info.Exists) return new FileCheck(path, FileCheckStatus.Missing, content.Sha256, null);
        if (content.Size is { } size && info.Length != size)
            return new FileCheck(path, FileCheckStatus.WrongSize, size.ToString(), info.Length.ToString());
        if (content.Sha256 is null && content.UncompressedSha256 is { } inner)
        {
            string unpacked = FileChecksum.UncompressedSha256(path);
            return string.Equals(unpacked, inner, StringComparison.OrdinalIgnoreCase)
                ? new FileCheck(path, FileCheckStatus.Ok, inner, unpacked)
                : new FileCheck(path, FileCheckStatus.WrongChecksum, $"{inner} (decompressed)", $"{unpacked} (decompressed)");
        }
        string actual = FileChecksum.Sha256(path);
        if (content.Sha256 is null) return new FileCheck(path, FileCheckStatus.NoChecksumKnown, null, actual);
        return string.Equals(actual, content.Sha256, StringComparison.OrdinalIgnoreCase)
            ? new FileCheck(path, FileCheckStatus.Ok, content.Sha256, actual)
            : new FileCheck(path, FileCheckStatus.WrongChecksum, content.Sha256, actual);
    }
}
