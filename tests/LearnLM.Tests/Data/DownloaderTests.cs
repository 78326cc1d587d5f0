using System.Security.Cryptography;
using LearnLM.Data.Download;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Data;

public sealed class DownloaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-download-").FullName;
    readonly LocalHttpServer _server = new();
    readonly Downloader _downloader = new() { RetryDelay = TimeSpan.FromMilliseconds(10) };
    public void Dispose() { _server.Dispose(); Directory.Delete(_dir, true); }

    static byte[] Content(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_whole_file_arrives_checked_with_progress_and_no_partial_left()
    {
        var content = Content(300_000);
        _server.Serve("a.bin", content);
        var reports = new List<DownloadProgress>();
        string target = Path.Combine(_dir, "a.bin");
        string sha = await _downloader.DownloadAsync(_server.Url("a.bin"), target, Sha(content), content.Length, new SyncProgress(reports.Add),
            TestContext.Current.CancellationToken);
        Assert.Equal(Sha(content), sha);
        Assert.Equal(content, File.ReadAllBytes(target));
        Assert.False(File.Exists(Downloader.PartialPath(target)));
        Assert.Equal(content.Length, reports[^1].BytesReceived);
        Assert.Equal(content.Length, reports[^1].TotalBytes);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesReceived <= p.Second.BytesReceived));
    }

    [Fact]
    public async Task An_interrupted_transfer_resumes_with_a_range_request()
    {
        var content = Content(400_000);
        _server.Serve("b.bin", content);
        _server.ResponsesToCut = 1;
        _server.CutAfterBytes = 100_000;
        string target = Path.Combine(_dir, "b.bin");
        await _downloader.DownloadAsync(_server.Url("b.bin"), target, Sha(content), content.Length, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(content, File.ReadAllBytes(target));
        Assert.Equal("", _server.RangeHeaders[0]);
        // The second request asks only for what is missing: a positive offset no larger than what the server sent.
        var resume = System.Text.RegularExpressions.Regex.Match(_server.RangeHeaders[1], @"bytes=(\d+)-");
        Assert.True(resume.Success, string.Join(" | ", _server.RangeHeaders));
        Assert.InRange(long.Parse(resume.Groups[1].Value), 1, 100_000);
    }

    [Fact]
    public async Task A_server_that_ignores_range_gets_a_clean_restart_not_a_corrupt_append()
    {
        var content = Content(50_000);
        _server.Serve("c.bin", content);
        _server.SupportsRange = false;
        string target = Path.Combine(_dir, "c.bin");
        File.WriteAllBytes(Downloader.PartialPath(target), Content(7_000, seed: 99)); // left by an earlier, interrupted run
        await _downloader.DownloadAsync(_server.Url("c.bin"), target, Sha(content), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("bytes=7000-", _server.RangeHeaders[0]);
        Assert.Equal(content, File.ReadAllBytes(target));
    }

    [Fact]
    public async Task A_wrong_checksum_is_refused_naming_the_file_and_both_checksums_and_leaves_nothing()
    {
        var content = Content(10_000);
        _server.Serve("d.bin", content);
        string target = Path.Combine(_dir, "d.bin");
        string wrong = new string('0', 64);
        var error = await Assert.ThrowsAsync<ChecksumMismatchException>(() =>
            _downloader.DownloadAsync(_server.Url("d.bin"), target, wrong, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(target, error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.Contains(Sha(content), error.Message);
        Assert.Contains("Try again", error.Message);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(Downloader.PartialPath(target)));
    }

    [Fact]
    public async Task A_missing_file_on_the_server_is_an_error_naming_the_status()
    {
        string target = Path.Combine(_dir, "e.bin");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            _downloader.DownloadAsync(_server.Url("nowhere.bin"), target, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("404", error.Message);
        Assert.False(File.Exists(target));
    }

    sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
