using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using LearnLM.Data.Download;
using LearnLM.Kernel.Cli;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Tests.Cli;

[Collection("Console")]
public sealed class DataCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-datacli-").FullName;
    readonly LocalHttpServer _server = new();
    static readonly byte[] Text = Encoding.UTF8.GetBytes("First Citizen:\nBefore we proceed any further, hear me speak.\n");

    public void Dispose() { _server.Dispose(); Directory.Delete(_dir, true); }

    string Cache => Path.Combine(_dir, "cache");
    string ReadOnlyRoot => Path.Combine(_dir, "shared");

    DatasetStore Store(string? sha = null) => new(
        new DatasetCatalog([new DatasetManifest
        {
            Name = "plays",
            Licence = "Public domain",
            Files = [new ManifestFile { Name = "input.txt", Url = _server.Url("input.txt").ToString(), Sha256 = sha ?? Convert.ToHexStringLower(SHA256.HashData(Text)) }],
        }]),
        new DataLocations(Cache, [ReadOnlyRoot]),
        new Downloader { RetryDelay = TimeSpan.FromMilliseconds(10) });

    (int Exit, string Output) Run(DatasetStore store, params string[] args) =>
        ConsoleCapture.Run(() => new RootCommand { DataCommand.Create(() => store) }.Parse(["data", .. args]).Invoke());

    [Fact]
    public void Fetch_downloads_into_the_cache_then_list_path_and_verify_see_it()
    {
        _server.Serve("input.txt", Text);
        var store = Store();
        var (exit, output) = Run(store, "list");
        Assert.Equal(0, exit);
        Assert.Contains("plays", output);
        Assert.Contains("not present", output);

        (exit, output) = Run(store, "fetch", "plays");
        Assert.Equal(0, exit);
        string folder = Path.Combine(Cache, "plays");
        Assert.Contains(folder, output);
        Assert.Equal(Text, File.ReadAllBytes(Path.Combine(folder, "input.txt")));

        (exit, output) = Run(store, "path", "plays");
        Assert.Equal((0, folder), (exit, output.Trim()));
        (exit, output) = Run(store, "verify", "plays");
        Assert.Equal(0, exit);
        Assert.Contains("verified", output);
        (exit, output) = Run(store, "fetch", "plays");
        Assert.Equal(0, exit);
        Assert.Contains("already present", output);
    }

    [Fact]
    public void A_wrong_checksum_fails_fetch_with_both_checksums_and_leaves_the_cache_empty()
    {
        _server.Serve("input.txt", Text);
        string wrong = new string('f', 64);
        var (exit, output) = Run(Store(wrong), "fetch", "plays");
        Assert.Equal(1, exit);
        Assert.Contains(wrong, output);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Text)), output);
        Assert.False(Directory.Exists(Path.Combine(Cache, "plays")));
    }

    [Fact]
    public void Verify_refuses_a_corrupt_copy_and_path_explains_how_to_get_a_missing_one()
    {
        var store = Store();
        var (exit, output) = Run(store, "path", "plays");
        Assert.Equal(1, exit);
        Assert.Contains("learnlm data fetch plays", output);

        Directory.CreateDirectory(Path.Combine(ReadOnlyRoot, "plays"));
        File.WriteAllText(Path.Combine(ReadOnlyRoot, "plays", "input.txt"), "Second Citizen:\n");
        (exit, output) = Run(store, "verify", "plays");
        Assert.Equal(1, exit);
        Assert.Contains("WrongChecksum", output);
        Assert.Contains(Path.Combine(ReadOnlyRoot, "plays", "input.txt"), output);

        (exit, output) = Run(store, "fetch", "nothing-of-that-name");
        Assert.Equal(1, exit);
        Assert.Contains("learnlm data list", output);
    }

    [Fact]
    public void The_default_store_finds_the_manifests_copied_beside_the_executable()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "datasets", "manifests", "ml-100k.json")));
        var (exit, output) = ConsoleCapture.Run(() => new RootCommand { DataCommand.Create() }.Parse(["data", "list"]).Invoke());
        Assert.Equal(0, exit);
        foreach (string name in new[] { "fashion-mnist", "ml-100k", "cifar-10", "aclImdb", "tinyshakespeare" })
            Assert.Contains(name, output);
    }
}
