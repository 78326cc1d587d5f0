using System.CommandLine;
using System.Runtime.InteropServices;
using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm kernel --connection-file FILE` runs the Jupyter kernel (what kernel.json starts);
/// `learnlm kernel install` / `uninstall` manage the kernelspec that lets Jupyter, VS Code and nbclient find it.
/// Chapter 1 (setup).
/// </summary>
public static class KernelCommand
{
    /// <param name="engineFactory">Makes the engine cells run in; the default is the Roslyn script engine.</param>
    public static Command Create(Func<IExecutionEngine>? engineFactory = null)
    {
        var connectionFile = new Option<FileInfo?>("--connection-file", "-f") { Description = "The connection file Jupyter wrote (ports, key). kernel.json passes it." };
        var command = new Command("kernel", "Run LearnLM as a Jupyter kernel for C#, or install it so Jupyter finds it.") { connectionFile, CreateInstall(), CreateUninstall() };
        command.SetAction(parse =>
        {
            if (parse.GetValue(connectionFile) is not { } file)
            {
                parse.InvocationConfiguration.Error.WriteLine("learnlm kernel needs --connection-file FILE (Jupyter starts it that way). To make Jupyter find LearnLM, run 'learnlm kernel install'.");
                return 2;
            }
            return Run(file.FullName, engineFactory ?? DefaultEngine, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Runs until a frontend sends shutdown_request; returns the process exit code.</summary>
    /// <param name="log">Where the kernel reports; standard error (never stdout, which frontends may show or drop).</param>
    public static int Run(string connectionFile, Func<IExecutionEngine> engineFactory, TextWriter? log = null)
    {
        log ??= Console.Error;
        ConnectionInfo connection;
        try { connection = ConnectionInfo.Load(connectionFile); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            log.WriteLine($"learnlm kernel: {e.Message}");
            return 2;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The engine loads its compiler while the sockets bind and kernel_info is answered; the first cell waits for it.
        using var engine = new StartingEngine(Task.Run(engineFactory));
        NetMqTransport transport;
        try { transport = new NetMqTransport(connection, log); }
        catch (NetMQ.NetMQException e)
        {
            log.WriteLine($"learnlm kernel: cannot bind the sockets on {connection.Ip} ({e.Message}). Another process may hold a port from '{connectionFile}'; let Jupyter write a new connection file.");
            return 1;
        }
        using var _ = transport;
        using var kernel = new JupyterKernel(engine, transport, log: log);
        // Console.ReadLine() in a cell asks the frontend (input_request) instead of reading the kernel's own stdin.
        Console.SetIn(new StdinReader(kernel.Stdin));
        // Signal-mode interrupts (and Ctrl+C in a terminal) stop the running cell, not the kernel.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; kernel.Interrupt(); });
        using var parent = new ParentWatch(() =>
        {
            log.WriteLine("learnlm kernel: the frontend process is gone; shutting down");
            kernel.RequestShutdown();
        });
        transport.Start(kernel.Receive);
        kernel.Start();
        log.WriteLine($"learnlm kernel: listening on {connection.Ip} (shell port {transport.Connection.ShellPort}), ready in {clock.Elapsed.TotalMilliseconds:F0} ms");
        bool restart = kernel.ShutdownRequested.GetAwaiter().GetResult();
        log.WriteLine(restart ? "learnlm kernel: restarting (the frontend starts a new kernel)" : "learnlm kernel: shutting down");
        return 0;
    }

    static IExecutionEngine DefaultEngine() => new ScriptEngine();

    static Command CreateInstall()
    {
        var (user, prefix, name) = LocationOptions();
        var command = new Command("install", "Write the kernelspec (kernel.json and logos) so Jupyter frontends list \"C# (LearnLM)\".") { user, prefix, name };
        command.SetAction(parse =>
        {
            if (KernelsDirectory(parse, user, prefix) is not { } directory) return 2;
            try
            {
                string folder = KernelSpec.Install(directory, parse.GetValue(name)!, KernelSpec.CurrentLauncher());
                parse.InvocationConfiguration.Output.WriteLine($"Installed kernelspec '{parse.GetValue(name)}' in {folder}");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"learnlm kernel install: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    static Command CreateUninstall()
    {
        var (user, prefix, name) = LocationOptions();
        var command = new Command("uninstall", "Remove the kernelspec that 'learnlm kernel install' wrote.") { user, prefix, name };
        command.SetAction(parse =>
        {
            if (KernelsDirectory(parse, user, prefix) is not { } directory) return 2;
            try
            {
                bool removed = KernelSpec.Uninstall(directory, parse.GetValue(name)!);
                parse.InvocationConfiguration.Output.WriteLine(removed ? $"Removed kernelspec '{parse.GetValue(name)}' from {directory}" : $"No kernelspec '{parse.GetValue(name)}' in {directory}; nothing to remove.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"learnlm kernel uninstall: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    static (Option<bool> User, Option<string?> Prefix, Option<string> Name) LocationOptions() => (
        new Option<bool>("--user") { Description = "Under the user's Jupyter data folder (~/.local/share/jupyter/kernels). The default." },
        new Option<string?>("--prefix") { Description = "Under PREFIX/share/jupyter/kernels (e.g. a virtual environment or sys.prefix)." },
        new Option<string>("--name") { Description = "The kernelspec's name (its folder).", DefaultValueFactory = _ => KernelSpec.DefaultName });

    static string? KernelsDirectory(ParseResult parse, Option<bool> user, Option<string?> prefix)
    {
        string? prefixValue = parse.GetValue(prefix);
        if (parse.GetValue(user) && prefixValue is not null)
        {
            parse.InvocationConfiguration.Error.WriteLine("Choose one of --user and --prefix, not both.");
            return null;
        }
        return KernelSpec.KernelsDirectory(prefixValue);
    }
}
