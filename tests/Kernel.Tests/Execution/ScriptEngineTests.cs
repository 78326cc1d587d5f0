using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Execution;

public sealed class ScriptEngineTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    readonly ScriptEngine _engine = fixture.Engine;

    [Fact]
    public async Task Variables_persist_across_cells()
    {
        await _engine.Value("var persistedCount = 20;");
        await _engine.Value("persistedCount += 1;");
        Assert.Equal("42", await _engine.Value("persistedCount * 2"));
    }

    [Fact]
    public async Task Methods_and_types_persist_across_cells()
    {
        await _engine.Value("record Point(int X, int Y);\nint Manhattan(Point p) => Math.Abs(p.X) + Math.Abs(p.Y);");
        Assert.Equal("7", await _engine.Value("Manhattan(new Point(3, -4))"));
    }

    [Fact]
    public async Task Default_imports_include_TorchSharp_and_LearnLM()
    {
        Assert.Equal("6", await _engine.Value("ones(2, 3).sum().item<float>()"));
        Assert.Equal("[3]", await _engine.Value("\"[\" + string.Join(',', torch.zeros(3).shape) + \"]\""));
        Assert.Equal("True", await _engine.Value("typeof(IdxFile).Assembly.GetName().Name == \"LearnLM.Core\""));
    }

    [Fact]
    public async Task Compile_error_names_the_cells_line_and_column()
    {
        var outcome = await _engine.Run("var fine = 1;\nvar broken = undefinedName + 1;");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("CompilationError", outcome.Error!.Name);
        Assert.StartsWith("(2,14): error CS0103:", outcome.Error.Traceback[0]);
        Assert.Contains("undefinedName", outcome.Error.Value);
    }

    [Fact]
    public async Task Compile_error_positions_ignore_the_interrupt_rewrite()
    {
        var outcome = await _engine.Run("for (int i = 0; i < 3; i++) { }\nwhile (true) { missing(); }");
        Assert.StartsWith("(2,16): error CS0103:", outcome.Error!.Traceback[0]);
    }

    [Fact]
    public async Task Exception_gives_a_trimmed_trace_and_the_session_continues()
    {
        await _engine.Value("int survivor = 9;\nvoid Explode(int depth)\n{\n    if (depth == 0) throw new InvalidOperationException(\"boom\");\n    Explode(depth - 1);\n}");
        var outcome = await _engine.Run("Explode(2);");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("InvalidOperationException", outcome.Error!.Name);
        Assert.Equal("boom", outcome.Error.Value);
        var trace = outcome.Error.Traceback;
        Assert.Equal("System.InvalidOperationException: boom", trace[0]);
        Assert.Contains(trace, l => l.Contains("Explode(Int32 depth) in cell line 4"));
        Assert.Contains(trace, l => l.Contains("<cell>"));
        Assert.DoesNotContain(trace, l => l.Contains("Microsoft.CodeAnalysis") || l.Contains("LearnLM.Kernel.Execution") || l.Contains("CompilerServices"));
        Assert.Equal("9", await _engine.Value("survivor"));
    }

    [Fact]
    public async Task Last_expression_is_the_result_and_statements_have_none()
    {
        Assert.Equal("3.5", await _engine.Value("7 / 2.0"));
        var statement = await _engine.Run("var quiet = 1;");
        Assert.Null(statement.Result);
        var voidCall = await _engine.Run("Console.Write(\"\")");
        Assert.Null(voidCall.Result);
        Assert.Equal("null", await _engine.Value("(string?)null"));
    }

    [Fact]
    public async Task Formatter_registrations_shape_the_result()
    {
        await _engine.Value("class Celsius { public double Degrees; }");
        await _engine.Value("LearnLM.Kernel.Extensions.Formatting.Formatter.Register<Celsius>(c => LearnLM.Kernel.Extensions.Hosts.MimeBundle.Text($\"{c.Degrees} °C\"));");
        Assert.Equal("21.5 °C", await _engine.Value("new Celsius { Degrees = 21.5 }"));
    }

    [Fact]
    public async Task Console_output_streams_while_the_cell_runs_and_keeps_order()
    {
        var host = new RecordingHost();
        var running = new TaskCompletionSource<bool>();
        Task<ExecutionOutcome>? execution = null;
        host.OnStream = (_, text) => { if (text.Contains("first")) running.TrySetResult(execution is { IsCompleted: false }); };
        execution = _engine.ExecuteAsync("Console.WriteLine(\"first\");\nSystem.Threading.Thread.Sleep(1500);\nConsole.Error.WriteLine(\"second\");\nConsole.Write(\"third\");",
            host, TestContext.Current.CancellationToken);
        Assert.True(await running.Task, "the first line arrived only after the cell had finished");
        var outcome = await execution;
        Assert.Equal(ExecutionStatus.Ok, outcome.Status);
        Assert.Equal([("stdout", "first\n"), ("stderr", "second\n"), ("stdout", "third")], host.Events.ToArray());
    }

    [Fact]
    public async Task Output_from_a_cells_task_lands_in_that_cell()
    {
        var host = new RecordingHost();
        await _engine.Run("await Task.Run(() => Console.WriteLine(\"from a task\"));", host);
        Assert.Equal("from a task\n", host.Stdout);
    }

    [Fact]
    public async Task Display_show_reaches_the_cells_host()
    {
        var host = new RecordingHost();
        await _engine.Run("var handle = Display.Show(1);\nhandle.Update(2);", host);
        Assert.Equal([("display", "1"), ("update", "2")], host.Events.ToArray());
    }

    [Fact]
    public async Task Unknown_magic_is_a_usage_error()
    {
        var outcome = await _engine.Run("#!no-such-magic\n1 + 1");
        Assert.Equal("MagicUsageError", outcome.Error!.Name);
        Assert.Contains("#!no-such-magic", outcome.Error.Value);
    }

    [Fact]
    public async Task Reference_to_a_dll_by_path()
    {
        string dll = TestAssemblies.Compile("Greeting", "namespace Greetings { public static class Greeter { public static string Hello(string n) => \"hello \" + n; } }");
        Assert.Equal("hello dll", await _engine.Value($"#r \"{dll}\"\nGreetings.Greeter.Hello(\"dll\")"));
    }

    [Fact]
    public async Task Load_runs_a_csx_file_relative_to_the_working_directory()
    {
        string dir = Directory.CreateTempSubdirectory("learnlm-load").FullName;
        File.WriteAllText(Path.Combine(dir, "helpers.csx"), "int Triple(int x) => 3 * x;\n");
        using var engine = new ScriptEngine(workingDirectory: dir);
        Assert.Equal("15", await engine.Value("#load \"helpers.csx\"\nTriple(5)"));
        Assert.Equal("21", await engine.Value("Triple(7)"));

        File.WriteAllText(Path.Combine(dir, "broken.csx"), "int Fine = 1;\nint Broken = nothingHere;\n");
        var outcome = await engine.Run("#load \"broken.csx\"");
        Assert.StartsWith("broken.csx(2,14): error CS0103:", outcome.Error!.Traceback[0]);
    }

    [Fact]
    public async Task Execution_count_counts_every_cell()
    {
        using var engine = new ScriptEngine();
        Assert.Equal(1, (await engine.Run("1")).ExecutionCount);
        Assert.Equal(2, (await engine.Run("nope")).ExecutionCount);
        Assert.Equal(3, (await engine.Run("3")).ExecutionCount);
        Assert.Equal(3, engine.ExecutionCount);
    }
}
