using System.Net;
using System.Net.Http.Headers;

namespace LearnLM.Data.Download;

/// <summary>
/// Downloads one file over HTTP(S) into a <c>.partial</c> file beside its destination, resuming an interrupted
/// transfer with a Range request, starting again cleanly when the server ignores Range, checking SHA-256, and only
/// then moving the file into place — so the destination holds a whole, verified file or nothing (chapter 1).
/// An interrupted transfer keeps its <c>.partial</c> for the next attempt; a corrupt one deletes it.
/// </summary>
public sealed class Downloader(HttpClient? client = null)
{
    readonly HttpClient _client = client ?? SharedClient.Value;
    static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>Attempts per file; each attempt after an interruption resumes from what the earlier ones received.</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>Pause before retrying an interrupted transfer (doubled each time).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The temporary file a download of <paramref name="destination"/> writes into.</summary>
    public static string PartialPath(string destination) => destination + ".partial";

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/>. When <paramref name="sha256"/> is given the
    /// file must match it (else <see cref="ChecksumMismatchException"/> and nothing is left behind). Returns the
    /// file's actual SHA-256.
    /// </summary>
    public async Task<string> DownloadAsync(Uri url, string destination, string? sha256 = null, long? size = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        string partial = PartialPath(destination);
        string name = Path.GetFileName(destination);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(url, partial, name, size, progress, cancellationToken);
                break;
            }
            catch (Exception e) when (attempt < MaxAttempts && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay * (1 << (attempt - 1)), cancellationToken);
            }
        }

        long length = new FileInfo(partial).Length;
        if (size is { } expectedSize && length != expectedSize)
        {
            File.Delete(partial);
            throw new InvalidDataException(
                $"{url} gave {length:N0} bytes for {name}, but its manifest says {expectedSize:N0}. Nothing was kept; " +
                "try again later, or check the manifest if the publisher changed the file.");
        }
        string actual = FileChecksum.Sha256(partial);
        if (sha256 is not null && !string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new ChecksumMismatchException(destination, sha256.ToLowerInvariant(), actual,
                $"The download from {url} was deleted. Try again; if it keeps failing, the publisher changed the file and the manifest needs updating.");
        }
        File.Move(partial, destination, overwrite: true);
        return actual;
    }

    async Task TransferAsync(Uri url, string partial, string name, long? size, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        long already = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (size is { } whole && already >= whole && already > 0)
            return; // an earlier attempt received everything; the checksum decides whether it is good
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (already > 0) request.Headers.Range = new RangeHeaderValue(already, null);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The partial file is as long as (or longer than) the resource: start again rather than trust it.
            File.Delete(partial);
            throw new IOException($"{url} refused to resume {name}; restarting from the beginning.");
        }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase} for {name}. Check the address in the manifest, or your network.",
                null, response.StatusCode);

        bool resumes = already > 0 && response.StatusCode == HttpStatusCode.PartialContent
                       && response.Content.Headers.ContentRange?.From == already;
        if (!resumes) already = 0; // 200 OK to a Range request: the server sends the whole file, so start clean
        long? total = response.Content.Headers.ContentLength is { } length ? already + length : size;

        await using var source = await response.Content.ReadAsStreamAsync(ct);
        await using var target = new FileStream(partial, resumes ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 16];
        long received = already;
        progress?.Report(new DownloadProgress(name, received, total));
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            received += read;
            progress?.Report(new DownloadProgress(name, received, total));
        }
        if (response.Content.Headers.ContentLength is { } promised && received - already != promised)
            throw new IOException($"The connection closed after {received - already:N0} of {promised:N0} bytes of {name}.");
    }

    static bool IsTransient(Exception e) =>
        e is IOException or HttpRequestException { StatusCode: null or >= HttpStatusCode.InternalServerError }
        || (e is TaskCanceledException && e.InnerException is TimeoutException);
}
