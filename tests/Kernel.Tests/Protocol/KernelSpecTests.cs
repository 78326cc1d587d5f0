using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Cli;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

[Collection("Console")] // it sets JUPYTER_DATA_DIR, process-wide
public sealed class KernelSpecTests : IDisposable
{
    readonly string _prefix = Directory.CreateTempSubdirectory("learnlm-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(_prefix, recursive: true);

    /// <summary>Runs the command with its output captured through System.CommandLine, not by swapping the global Console.</summary>
    static (int Exit, string Output) Cli(params string[] args)
    {
        var writer = new StringWriter();
        int exit = new System.CommandLine.RootCommand { KernelCommand.Create() }.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = writer, Error = writer });
        return (exit, writer.ToString());
    }

    [Fact]
    public void Install_with_prefix_writes_kernel_json_that_starts_this_build()
    {
        var (exit, output) = Cli("kernel", "install", "--prefix", _prefix);
        Assert.True(exit == 0, output);
        string folder = Path.Combine(_prefix, "share", "jupyter", "kernels", "csharp-learnlm");
        Assert.Contains(folder, output);

        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.True(Path.IsPathRooted(argv[0]) && File.Exists(argv[0]), $"argv[0] '{argv[0]}' must be the absolute dotnet host");
        Assert.Equal("dotnet", Path.GetFileName(argv[0]));
        Assert.True(Path.IsPathRooted(argv[1]) && File.Exists(argv[1]), $"argv[1] '{argv[1]}' must be the absolute learnlm.dll");
        Assert.Equal("learnlm.dll", Path.GetFileName(argv[1]));
        Assert.Equal(["kernel", "--connection-file", "{connection_file}"], argv[2..]);
        Assert.Equal("C# (LearnLM)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Contains(spec["interrupt_mode"]!.GetValue<string>(), new[] { "message", "signal" });
        Assert.IsType<JsonObject>(spec["metadata"]);
        // Dynamic PGO off for the kernel process only: see KernelSpec.KernelJson for the latency it costs otherwise.
        Assert.Equal("0", spec["env"]?["DOTNET_TieredPGO"]?.GetValue<string>());
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, ".*"));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Logos_are_valid_pngs_of_the_named_size(int size)
    {
        string folder = KernelSpec.Install(Path.Combine(_prefix, "kernels"), "logo-test", ["/usr/bin/dotnet", "/x/learnlm.dll"]);
        byte[] png = File.ReadAllBytes(Path.Combine(folder, $"logo-{size}x{size}.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // Walk the chunks: each CRC must match an independently computed CRC-32.
        int at = 8;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            Assert.Equal(ReferenceCrc(png.AsSpan(at + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)));
            if (type == "IHDR")
            {
                Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(data));
                Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(data[4..]));
            }
            if (type == "IDAT") idat.Write(data);
            types.Add(type);
            at += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        Assert.Equal(size * (1 + 4 * size), inflated.Length);
    }

    /// <summary>Bytewise CRC-32 with a precomputed table: a different algorithm from the encoder's bitwise loop.</summary>
    static uint ReferenceCrc(ReadOnlySpan<byte> bytes)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFF;
    }

    [Fact]
    public void Reinstall_replaces_and_uninstall_removes()
    {
        string kernels = Path.Combine(_prefix, "share", "jupyter", "kernels");
        Assert.Equal(0, Cli("kernel", "install", "--prefix", _prefix, "--name", "mine").Exit);
        File.WriteAllText(Path.Combine(kernels, "mine", "stale.txt"), "left from before");
        Assert.Equal(0, Cli("kernel", "install", "--prefix", _prefix, "--name", "mine").Exit);
        Assert.False(File.Exists(Path.Combine(kernels, "mine", "stale.txt")));

        Assert.Equal(0, Cli("kernel", "uninstall", "--prefix", _prefix, "--name", "mine").Exit);
        Assert.False(Directory.Exists(Path.Combine(kernels, "mine")));
        var (exit, output) = Cli("kernel", "uninstall", "--prefix", _prefix, "--name", "mine");
        Assert.Equal(0, exit);
        Assert.Contains("nothing to remove", output);
    }

    [Fact]
    public void User_install_honours_jupyter_data_dir()
    {
        string previous = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") ?? "";
        Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", Path.Combine(_prefix, "data"));
        try
        {
            Assert.Equal(0, Cli("kernel", "install", "--user").Exit);
            Assert.True(File.Exists(Path.Combine(_prefix, "data", "kernels", "csharp-learnlm", "kernel.json")));
            Assert.Equal(0, Cli("kernel", "install").Exit); // no flag means --user
        }
        finally { Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", previous.Length == 0 ? null : previous); }
    }

    [Fact]
    public void Bad_arguments_are_usage_errors_that_say_what_to_do()
    {
        var (both, bothOutput) = Cli("kernel", "install", "--user", "--prefix", _prefix);
        Assert.Equal(2, both);
        Assert.Contains("--user and --prefix", bothOutput);

        var (badName, badNameOutput) = Cli("kernel", "install", "--prefix", _prefix, "--name", "../escape");
        Assert.Equal(1, badName);
        Assert.Contains("not valid", badNameOutput);
        Assert.False(Directory.Exists(Path.Combine(_prefix, "share", "jupyter", "escape")));

        var (noFile, noFileOutput) = Cli("kernel");
        Assert.Equal(2, noFile);
        Assert.Contains("--connection-file", noFileOutput);

        var (missing, missingOutput) = Cli("kernel", "--connection-file", Path.Combine(_prefix, "absent.json"));
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingOutput);
    }

    [Fact]
    public void Connection_file_is_read_and_checked()
    {
        string path = Path.Combine(_prefix, "connection.json");
        File.WriteAllText(path, """{"ip":"127.0.0.1","transport":"tcp","shell_port":5001,"control_port":5002,"iopub_port":5003,"stdin_port":5004,"hb_port":5005,"key":"abc","signature_scheme":"hmac-sha256","kernel_name":"csharp-learnlm"}""");
        var info = ConnectionInfo.Load(path);
        Assert.Equal((5001, 5002, 5003, 5004, 5005), (info.ShellPort, info.ControlPort, info.IopubPort, info.StdinPort, info.HeartbeatPort));
        Assert.Equal("tcp://127.0.0.1:5001", info.Address(info.ShellPort));
        Assert.Equal("abc", info.Key);

        File.WriteAllText(path, """{"transport":"ipc","key":"abc"}""");
        Assert.Contains("transport 'ipc'", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path)).Message);
        File.WriteAllText(path, """{"key":"abc","signature_scheme":"hmac-md5"}""");
        Assert.Contains("hmac-md5", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path)).Message);
        File.WriteAllText(path, "{not json");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path)).Message);
    }
}
