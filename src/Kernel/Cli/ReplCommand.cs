using System.CommandLine;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Cli;

/// <summary>`learnlm repl`: interactive C# with TorchSharp and LearnLM, the notebook engine in a terminal; reads piped stdin too.</summary>
public static class ReplCommand
{
    public static Command Create()
    {
        var command = new Command("repl", "Interactive C# in the terminal (same engine, magics and formatters as notebooks).");
        // A synchronous action: System.CommandLine's own Ctrl+C handling (cancel, then exit) applies only to async
        // actions, and here Ctrl+C must interrupt a cell and keep the session.
        command.SetAction(_ => RunAsync().GetAwaiter().GetResult());
        return command;
    }

    static async Task<int> RunAsync()
    {
        using var engine = new ScriptEngine();
        bool interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var repl = new Repl(engine, Console.In, ConsoleRouter.Unrouted(Console.Out), ConsoleRouter.Unrouted(Console.Error), interactive);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            if (repl.OnCancelKey()) Environment.Exit(0);
        };
        Console.CancelKeyPress += onCancel;
        try { return await repl.RunAsync(); }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
