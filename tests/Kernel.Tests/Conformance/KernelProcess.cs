using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LearnLM.Kernel.Protocol;
using LearnLM.Kernel.Tests.Protocol;

namespace LearnLM.Kernel.Tests.Conformance;

/// <summary>A real `learnlm kernel` process (Roslyn engine) on loopback ports, with a client connected to it.</summary>
sealed class KernelProcess : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("learnlm-kernel-process-").FullName;
    readonly StringBuilder _stderr = new();

    public Process Process { get; }
    public KernelClient Client { get; }

    KernelProcess()
    {
        var connection = new ConnectionInfo
        {
            Ip = "127.0.0.1", Key = Guid.NewGuid().ToString(),
            ShellPort = FreePort(), ControlPort = FreePort(), IopubPort = FreePort(), StdinPort = FreePort(), HeartbeatPort = FreePort(),
        };
        string file = Path.Combine(_folder, "connection.json");
        File.WriteAllText(file, JsonSerializer.Serialize(connection));
        var launcher = KernelSpec.CurrentLauncher();
        var start = new ProcessStartInfo(launcher[0], [.. launcher.Skip(1), "kernel", "--connection-file", file]) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process = Process.Start(start)!;
        Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        Process.BeginErrorReadLine();
        Client = new KernelClient(connection);
    }

    public static KernelProcess Start()
    {
        var kernel = new KernelProcess();
        try
        {
            // The first kernel_info reply can wait for the runtime to start and the compiler to load.
            var info = kernel.Client.Send(kernel.Client.Shell, "kernel_info_request");
            if (kernel.Client.ReceiveReply(kernel.Client.Shell, info, TimeSpan.FromSeconds(60)) is null)
                throw new TimeoutException("the kernel process did not answer kernel_info:\n" + kernel.Stderr);
            kernel.Client.WaitForIopub();
            return kernel;
        }
        catch
        {
            kernel.Dispose();
            throw;
        }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
