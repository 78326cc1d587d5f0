using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace LearnLM.Tests.Common;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 serving in-memory files, so download tests never touch the internet.
/// It can honour or ignore Range requests, and cut a response short to simulate a dropped connection.
/// </summary>
sealed partial class LocalHttpServer : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    readonly Dictionary<string, byte[]> _files = new();

    /// <summary>Whether to answer a Range request with 206; when false the server sends 200 and the whole file.</summary>
    public bool SupportsRange { get; set; } = true;
    /// <summary>How many of the next responses to cut short after <see cref="CutAfterBytes"/> body bytes.</summary>
    public int ResponsesToCut { get; set; }
    public int CutAfterBytes { get; set; }
    /// <summary>The Range header of every request, or "" when it had none.</summary>
    public List<string> RangeHeaders { get; } = [];

    public LocalHttpServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public Uri Url(string name) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{name}");
    public void Serve(string name, byte[] content) { lock (_files) _files[name] = content; }

    async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    async Task Handle(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        string head = await ReadHead(stream);
        string path = head.Split(' ')[1].TrimStart('/');
        var range = RangePattern().Match(head);
        lock (RangeHeaders) RangeHeaders.Add(range.Success ? $"bytes={range.Groups[1].Value}-" : "");
        byte[]? file;
        lock (_files) _files.TryGetValue(path, out file);
        if (file is null)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            return;
        }
        long from = range.Success && SupportsRange ? long.Parse(range.Groups[1].Value) : 0;
        string status = from > 0 ? "206 Partial Content" : "200 OK";
        string contentRange = from > 0 ? $"Content-Range: bytes {from}-{file.Length - 1}/{file.Length}\r\n" : "";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Length: {file.Length - from}\r\n{contentRange}Accept-Ranges: {(SupportsRange ? "bytes" : "none")}\r\nConnection: close\r\n\r\n"));
        var body = file.AsMemory((int)from);
        bool cut;
        lock (_files) { cut = ResponsesToCut > 0; if (cut) ResponsesToCut--; }
        if (cut)
        {
            await stream.WriteAsync(body[..Math.Min(CutAfterBytes, body.Length)]);
            await stream.FlushAsync();
            client.Client.LingerState = new LingerOption(true, 0); // reset the connection mid-body, like a dropped network
            return;
        }
        await stream.WriteAsync(body);
    }

    static async Task<string> ReadHead(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
            head.Append((char)buffer[0]);
        return head.ToString();
    }

    [GeneratedRegex(@"(?im)^Range:\s*bytes=(\d+)-\s*$")]
    private static partial Regex RangePattern();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
