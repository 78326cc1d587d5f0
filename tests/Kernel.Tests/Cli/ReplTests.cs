using System.Diagnostics;
using LearnLM.Kernel.Cli;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Cli;

public sealed class ReplTests
{
    static async Task<(int Exit, string Output, string Error, Repl Repl)> Run(string input)
    {
        using var engine = new ScriptEngine();
        var (output, error) = (new StringWriter(), new StringWriter());
        var repl = new Repl(engine, new StringReader(input), output, error, interactive: false);
        int exit = await repl.RunAsync(TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString(), repl);
    }

    [Fact]
    public async Task Piped_lines_run_as_cells_and_print_results()
    {
        var (exit, output, error, repl) = await Run("var x = 2;\nx * 21\n");
        Assert.Equal(0, exit);
        Assert.Equal("42\n", output);
        Assert.Equal("", error);
        Assert.Equal(["var x = 2;", "x * 21"], repl.History);
    }

    [Fact]
    public async Task Incomplete_lines_continue_until_the_code_is_whole()
    {
        var (_, output, _, repl) = await Run("int Twice(int n)\n{\n    return 2 * n;\n}\nfor (int i = 1; i <= 2; i++)\n    Console.WriteLine(Twice(i));\n");
        Assert.Equal("2\n4\n", output);
        Assert.Equal(2, repl.History.Count);
    }

    [Fact]
    public async Task Errors_go_to_stderr_and_the_session_goes_on()
    {
        var (exit, output, error, _) = await Run("var kept = 5;\nmissingName\nkept\n");
        Assert.Equal(0, exit);
        Assert.Equal("5\n", output);
        Assert.StartsWith("(1,1): error CS0103", error);
    }

    [Fact]
    public async Task Ctrl_c_interrupts_a_running_cell()
    {
        using var engine = new ScriptEngine();
        var input = new BlockingReader();
        var output = new StringWriter();
        var repl = new Repl(engine, input, TextWriter.Synchronized(output), TextWriter.Null, interactive: false);
        // RunAsync blocks in ReadLine like a terminal read, so it gets its own thread.
        var running = Task.Run(() => repl.RunAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        input.Send("var before = 3;");
        input.Send("while (true) { }");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.False(repl.OnCancelKey());   // interrupts the cell; does not ask to exit
        input.Send("before");
        input.End();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal("3\n", output.ToString());
    }

    [Fact]
    public void Second_ctrl_c_at_an_empty_prompt_exits()
    {
        using var engine = new ScriptEngine();
        var repl = new Repl(engine, new StringReader(""), TextWriter.Null, TextWriter.Null, interactive: false);
        Assert.False(repl.OnCancelKey());
        Assert.True(repl.OnCancelKey());
    }

    [Fact]
    public async Task Learnlm_repl_reads_piped_stdin()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "learnlm.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("repl");
        using var process = Process.Start(start)!;
        process.StandardInput.Write("var x = 2;\nx * 21\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal("42\n", await stdout);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await stderr);
    }

    /// <summary>Lines arrive when the test sends them, as from a person typing.</summary>
    sealed class BlockingReader : TextReader
    {
        readonly System.Collections.Concurrent.BlockingCollection<string?> _lines = new();
        public void Send(string line) => _lines.Add(line);
        public void End() => _lines.Add(null);
        public override string? ReadLine() => _lines.Take();
    }
}
