using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The connection file a Jupyter frontend writes before starting the kernel: where to bind the five sockets and
/// the key that signs every message. Chapter 1 (setup) shows where it comes from.
/// </summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = MessageSigner.HmacSha256;
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file; the exception names the file and what is wrong with it.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Connection file '{path}' does not exist. Jupyter writes it before starting the kernel; pass its path with --connection-file.", path);
        ConnectionInfo? info;
        try { info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"Connection file '{path}' is not valid JSON: {e.Message}", e); }
        if (info is null) throw new InvalidDataException($"Connection file '{path}' is empty (null).");
        info.Validate(path);
        return info;
    }

    void Validate(string source)
    {
        if (Transport != "tcp")
            throw new InvalidDataException($"Connection file '{source}': transport '{Transport}' is not supported; LearnLM binds tcp only.");
        if (Key.Length > 0 && SignatureScheme != MessageSigner.HmacSha256)
            throw new InvalidDataException($"Connection file '{source}': signature_scheme '{SignatureScheme}' is not supported; use '{MessageSigner.HmacSha256}'.");
        foreach (var (name, port) in Ports)
            if (port is < 0 or > 65535) throw new InvalidDataException($"Connection file '{source}': {name} {port} is not a TCP port (0–65535; 0 picks a free one).");
    }

    /// <summary>Each port with its connection-file name.</summary>
    public IEnumerable<(string Name, int Port)> Ports =>
        [("shell_port", ShellPort), ("control_port", ControlPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("hb_port", HeartbeatPort)];

    public string Address(int port) => $"{Transport}://{Ip}:{port}";
}
