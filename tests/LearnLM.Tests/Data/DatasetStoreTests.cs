using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using LearnLM.Data.Download;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Data;

public sealed class DatasetStoreTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-store-").FullName;
    readonly LocalHttpServer _server = new();
    public void Dispose() { _server.Dispose(); Directory.Delete(_dir, true); }

    string Cache => Path.Combine(_dir, "cache");
    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
    static readonly byte[] Ratings = Encoding.ASCII.GetBytes("1\t2\t5\t881250949\n");

    static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create))
            foreach (var (name, content) in entries)
                using (var entry = zip.CreateEntry(name).Open()) entry.Write(content);
        return memory.ToArray();
    }

    DatasetStore Store(string contentSha) => new(
        new DatasetCatalog([new DatasetManifest
        {
            Name = "toy",
            Files = [new ManifestFile { Name = "toy.zip", Url = _server.Url("toy.zip").ToString(), Archive = "zip", ArchiveRoot = "toy/" }],
            Contents = [new ManifestContent { Path = "u.data", Sha256 = contentSha, Size = Ratings.Length }],
        }]),
        new DataLocations(Cache, [Path.Combine(_dir, "readonly")]),
        new Downloader { RetryDelay = TimeSpan.FromMilliseconds(10) });

    [Fact]
    public async Task Fetch_extracts_the_archive_without_its_top_folder_verifies_and_finds_it()
    {
        _server.Serve("toy.zip", Zip(("toy/u.data", Ratings), ("__MACOSX/toy/._u.data", [1, 2])));
        var store = Store(Sha(Ratings));
        Assert.Null(store.Find("toy"));
        string folder = await store.FetchAsync("toy", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Path.Combine(Cache, "toy"), folder);
        Assert.Equal(Ratings, File.ReadAllBytes(Path.Combine(folder, "u.data")));
        Assert.False(Directory.Exists(Path.Combine(folder, "__MACOSX")));
        Assert.Equal(folder, store.Path("toy"));
        Assert.True(store.Verify("toy").Passed);
        Assert.Equal(["toy"], Directory.EnumerateFileSystemEntries(Cache).Select(Path.GetFileName).Where(n => n != ".downloads"));
    }

    [Fact]
    public async Task A_wrong_content_checksum_leaves_no_dataset_in_the_cache()
    {
        _server.Serve("toy.zip", Zip(("toy/u.data", Ratings)));
        string wrong = new string('a', 64);
        var store = Store(wrong);
        var error = await Assert.ThrowsAsync<ChecksumMismatchException>(() => store.FetchAsync("toy", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("u.data", error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.Contains(Sha(Ratings), error.Message);
        Assert.Contains("learnlm data fetch toy", error.Message);
        Assert.False(Directory.Exists(Path.Combine(Cache, "toy")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Cache, ".downloads")));
        Assert.Null(store.Find("toy"));
    }

    [Fact]
    public async Task A_failed_download_leaves_no_dataset_in_the_cache()
    {
        var store = Store(Sha(Ratings)); // nothing served: 404
        await Assert.ThrowsAsync<HttpRequestException>(() => store.FetchAsync("toy", cancellationToken: TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(Path.Combine(Cache, "toy")));
        Assert.Null(store.Find("toy"));
    }

    DatasetStore GzipStore(string md5, string innerSha) => new(
        new DatasetCatalog([new DatasetManifest
        {
            Name = "images",
            Files = [new ManifestFile { Name = "x.gz", Url = _server.Url("x.gz").ToString(), Md5 = md5 }],
            Contents = [new ManifestContent { Path = "x.gz", UncompressedSha256 = innerSha }],
        }]),
        new DataLocations(Cache, []),
        new Downloader { RetryDelay = TimeSpan.FromMilliseconds(10) });

    static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var zip = new GZipStream(memory, CompressionLevel.Fastest)) zip.Write(content);
        return memory.ToArray();
    }

    [Fact]
    public async Task A_gzip_file_is_checked_by_the_publishers_md5_and_its_decompressed_sha256()
    {
        byte[] packed = Gzip(Ratings);
        _server.Serve("x.gz", packed);
        string md5 = Convert.ToHexStringLower(MD5.HashData(packed));
        string folder = await GzipStore(md5, Sha(Ratings)).FetchAsync("images", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(packed, File.ReadAllBytes(Path.Combine(folder, "x.gz")));
        Directory.Delete(folder, true);

        var badMd5 = await Assert.ThrowsAsync<ChecksumMismatchException>(() =>
            GzipStore(new string('0', 32), Sha(Ratings)).FetchAsync("images", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("MD5 " + md5, badMd5.Message);
        var badInner = await Assert.ThrowsAsync<ChecksumMismatchException>(() =>
            GzipStore(md5, new string('1', 64)).FetchAsync("images", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("(decompressed)", badInner.Message);
        Assert.False(Directory.Exists(Path.Combine(Cache, "images")));
    }

    [Fact]
    public void A_read_only_copy_is_found_before_the_cache_and_a_corrupt_one_fails_verification()
    {
        string copy = Directory.CreateDirectory(Path.Combine(_dir, "readonly", "toy")).FullName;
        var corrupt = (byte[])Ratings.Clone();
        corrupt[0] = (byte)'9';
        File.WriteAllBytes(Path.Combine(copy, "u.data"), corrupt);
        var store = Store(Sha(Ratings));
        Assert.Equal(copy, store.Find("toy")); // same size: present; only the checksum tells it is corrupt
        var report = store.Verify("toy");
        Assert.False(report.Passed);
        var error = Assert.Throws<ChecksumMismatchException>(report.ThrowIfFailed);
        Assert.Contains(Path.Combine(copy, "u.data"), error.Message);
        Assert.Contains(Sha(corrupt), error.Message);
    }

    [Fact]
    public void A_truncated_copy_is_not_present_and_verification_names_the_sizes()
    {
        string copy = Directory.CreateDirectory(Path.Combine(_dir, "readonly", "toy")).FullName;
        File.WriteAllBytes(Path.Combine(copy, "u.data"), Ratings[..5]);
        var store = Store(Sha(Ratings));
        Assert.Null(store.Find("toy"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => store.Path("toy"));
        Assert.Contains("learnlm data fetch toy", error.Message);
        var report = store.Verify("toy");
        Assert.Equal(FileCheckStatus.WrongSize, report.Files[0].Status);
        var refusal = Assert.Throws<InvalidDataException>(report.ThrowIfFailed);
        Assert.Contains("truncated", refusal.Message);
    }

    [Fact]
    public void The_shipped_manifests_load_and_record_only_well_formed_checksums()
    {
        var catalog = DatasetCatalog.Load(Path.Combine(SharedData.RepoRoot, "datasets", "manifests"));
        Assert.Superset(new HashSet<string> { "fashion-mnist", "ml-100k", "ml-latest-small", "cifar-10", "aclImdb", "tinyshakespeare", "sentiment-labelled-sentences" },
            catalog.All.Select(m => m.Name).ToHashSet());
        foreach (var manifest in catalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(manifest.Licence), manifest.Name);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Citation), manifest.Name);
            Assert.NotEmpty(manifest.Files);
            Assert.All(manifest.Files, f => Assert.StartsWith("http", f.Url));
            var shas = manifest.Files.Select(f => f.Sha256).Concat(manifest.Contents.SelectMany(c => new[] { c.Sha256, c.UncompressedSha256 }));
            Assert.All(shas.OfType<string>(), sha => Assert.Matches("^[0-9a-f]{64}$", sha));
        }
    }

    [Theory]
    [InlineData("ml-100k")]
    [InlineData("tinyshakespeare")]
    [InlineData("sentiment-labelled-sentences")]
    public void The_team_copies_match_their_manifests(string name)
    {
        string folder = SharedData.Require(name);
        var store = new DatasetStore(DatasetCatalog.Load(Path.Combine(SharedData.RepoRoot, "datasets", "manifests")), new DataLocations(Cache, []));
        var report = store.Verify(name, folder);
        Assert.True(report.Passed, string.Join("\n", report.Files.Where(f => f.Failed)));
        Assert.Contains(report.Files, f => f.Status == FileCheckStatus.Ok);
    }

    [Fact]
    public void Debians_fashion_mnist_matches_its_manifest()
    {
        const string debian = "/usr/share/datasets/fashion-mnist";
        if (!Directory.Exists(debian)) Assert.Skip($"{debian} is absent (apt-get install dataset-fashion-mnist).");
        var store = new DatasetStore(DatasetCatalog.Load(Path.Combine(SharedData.RepoRoot, "datasets", "manifests")), new DataLocations(Cache, []));
        var report = store.Verify("fashion-mnist", debian);
        Assert.True(report.Passed);
        Assert.All(report.Files, f => Assert.Equal(FileCheckStatus.Ok, f.Status));
    }

    [Fact]
    public void The_cache_is_learnlm_data_dir_else_xdg_cache_else_home_and_shared_folders_come_first()
    {
        static Func<string, string?> Vars(params (string Name, string Value)[] set) => name => set.FirstOrDefault(v => v.Name == name).Value;
        Assert.Equal("/data/mine", DataLocations.FromVariables(Vars(("LEARNLM_DATA_DIR", "/data/mine"), ("XDG_CACHE_HOME", "/xdg"))).Cache);
        Assert.Equal("/xdg/learnlm", DataLocations.FromVariables(Vars(("XDG_CACHE_HOME", "/xdg"))).Cache);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaults = DataLocations.FromVariables(Vars(("LEARNLM_SHARED_DATA", "/team/data")));
        Assert.Equal(Path.Combine(home, ".cache", "learnlm"), defaults.Cache);
        Assert.Equal("/team/data", defaults.ReadOnly[0]);
        Assert.Equal("/usr/share/datasets", defaults.ReadOnly[^1]);
        Assert.Equal(defaults.Cache, defaults.SearchOrder.Last());

        var cacheOnly = DataLocations.FromVariables(Vars(("LEARNLM_SHARED_DATA", "none"), ("LEARNLM_DATA_DIR", "/data/mine")));
        Assert.Empty(cacheOnly.ReadOnly);
        Assert.Equal(["/data/mine"], cacheOnly.SearchOrder);
    }
}
