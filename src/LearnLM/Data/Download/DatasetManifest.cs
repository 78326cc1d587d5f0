using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearnLM.Data.Download;

/// <summary>
/// What LearnLM knows about one dataset (chapter 1, "Setup"; used by every case study): where its official files
/// are, their SHA-256 and size, its licence and how to cite it. One JSON file per dataset in
/// <c>datasets/manifests/</c>. A checksum nobody has published and we could not compute is <c>null</c>, never guessed.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary>Short name used on the command line and as the folder name in every data location, e.g. "ml-100k".</summary>
    public required string Name { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Homepage { get; init; } = "";
    public string Licence { get; init; } = "";
    public string Citation { get; init; } = "";
    /// <summary>The files to download (plain files or archives).</summary>
    public IReadOnlyList<ManifestFile> Files { get; init; } = [];
    /// <summary>
    /// The files a usable copy holds, relative to the dataset's folder: the downloaded files themselves, or what the
    /// archives extract to. Presence and verification are judged on these.
    /// </summary>
    public IReadOnlyList<ManifestContent> Contents { get; init; } = [];
    /// <summary>Free-form remarks, e.g. why a checksum is unknown.</summary>
    public string Notes { get; init; } = "";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads a manifest, refusing one whose required fields are missing.</summary>
    public static DatasetManifest Load(string path)
    {
        DatasetManifest? manifest;
        try { manifest = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new InvalidDataException($"{path} is not a valid dataset manifest: {e.Message}", e); }
        if (manifest is null || string.IsNullOrWhiteSpace(manifest.Name))
            throw new InvalidDataException($"{path} is not a valid dataset manifest: it has no \"name\".");
        foreach (var file in manifest.Files)
            if (string.IsNullOrWhiteSpace(file.Name) || string.IsNullOrWhiteSpace(file.Url))
                throw new InvalidDataException($"{path}: every entry of \"files\" needs a \"name\" and a \"url\".");
        return manifest;
    }

    /// <summary>The files that make the dataset usable: <see cref="Contents"/>, or the downloaded files when none are listed.</summary>
    public IReadOnlyList<ManifestContent> RequiredContents =>
        Contents.Count > 0
            ? Contents.Where(c => !c.Optional).ToList()
            : Files.Select(f => new ManifestContent { Path = f.Name, Sha256 = f.Sha256, Size = f.Size }).ToList();
}

/// <summary>One file to download (chapter 1): a plain file or an archive (zip, tar.gz) to extract.</summary>
public sealed record ManifestFile
{
    public required string Name { get; init; }
    public required string Url { get; init; }
    /// <summary>Lower-case hex SHA-256 of the downloaded file, or null when not known (see <see cref="DatasetManifest.Notes"/>).</summary>
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    /// <summary>The MD5 the publisher documents, checked after download when no SHA-256 is known (MD5 guards against corruption, not tampering).</summary>
    public string? Md5 { get; init; }
    /// <summary>"zip" or "tar.gz" when the file is an archive to extract into the dataset's folder; null for a plain file.</summary>
    public string? Archive { get; init; }
    /// <summary>A leading folder inside the archive to strip while extracting, e.g. "ml-100k/".</summary>
    public string? ArchiveRoot { get; init; }
}

/// <summary>One file of a usable copy, relative to the dataset's folder (chapter 1).</summary>
public sealed record ManifestContent
{
    public required string Path { get; init; }
    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    /// <summary>
    /// SHA-256 of the gzip file's decompressed bytes: recompressing (as Debian's package did with Fashion-MNIST) changes
    /// the .gz but not this, so every faithful copy verifies.
    /// </summary>
    public string? UncompressedSha256 { get; init; }
    /// <summary>Part of the official release but not needed by LearnLM's loaders (e.g. the other two UCI sentiment files).</summary>
    public bool Optional { get; init; }
}
