using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Notebooks;

public sealed class NotebookRunnerTests
{
    static readonly string WorkDir = Path.GetTempPath();

    static JsonObject Output(Notebook notebook, int cell, int output) => (JsonObject)notebook.Cells[cell].Outputs[output]!;

    static string Text(JsonNode? node) => TestNotebooks.Text(node);

    [Fact]
    public async Task Good_notebook_gets_outputs_like_a_jupyter_kernel_would_write()
    {
        var notebook = TestNotebooks.Make(
            ("markdown", "# Title"),
            ("code", "Console.WriteLine(\"hello\");\nConsole.Write(\"same \");\nConsole.WriteLine(\"stream\");"),
            ("code", "6 * 7"),
            ("code", "var handle = Display.Show(\"draft\");\nConsole.WriteLine(\"between\");\nhandle.Update(\"final\");"),
            ("code", "   "),
            ("code", "Console.Error.WriteLine(\"warn\");"));
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.Error.Value);
        Assert.Equal(4, result.CellsRun);
        Assert.Equal([null, 1, 2, 3, null, 4], notebook.Cells.Select(c => c.IsCode ? c.ExecutionCount : null));

        var stream = Output(notebook, 1, 0);
        Assert.Single(notebook.Cells[1].Outputs);
        Assert.Equal(("stream", "stdout", "hello\nsame stream\n"), ((string)stream["output_type"]!, (string)stream["name"]!, Text(stream["text"])));

        var result42 = Output(notebook, 2, 0);
        Assert.Equal("execute_result", (string)result42["output_type"]!);
        Assert.Equal(2, (int)result42["execution_count"]!);
        Assert.Equal("42", Text(result42["data"]!["text/plain"]));

        // The display was updated in place: one display_data, showing the final value, before the stream text.
        var outputs = notebook.Cells[3].Outputs;
        Assert.Equal(["display_data", "stream"], outputs.Select(o => (string)o!["output_type"]!));
        Assert.Equal("final", Text(outputs[0]!["data"]!["text/plain"]));

        Assert.Equal("stderr", (string)Output(notebook, 5, 0)["name"]!);
        TestNotebooks.AssertValidNbformat(TestNotebooks.SaveTemp(notebook));
    }

    [Fact]
    public async Task Timing_is_recorded_per_cell_and_for_the_notebook()
    {
        var notebook = TestNotebooks.Make(("code", "var steps = 1;"), ("code", "System.Threading.Thread.Sleep(300);"), ("code", "steps"));
        notebook.Cells[0].Metadata["tags"] = new JsonArray("parameters");
        var before = DateTimeOffset.UtcNow;
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, new NotebookRunOptions(new Dictionary<string, string> { ["steps"] = "3" }),
            cancellationToken: TestContext.Current.CancellationToken);
        var after = DateTimeOffset.UtcNow;
        Assert.True(result.Succeeded, result.Failure?.Error.Value);

        // Every code cell ran (the injected one too) and carries nbclient's timing keys, in order and inside the run.
        var times = notebook.Cells.Select(c => c.Metadata["execution"]!).Select(e =>
            (Start: DateTimeOffset.Parse((string)e["iopub.execute_input"]!), End: DateTimeOffset.Parse((string)e["shell.execute_reply"]!))).ToList();
        Assert.Equal(4, times.Count);
        Assert.All(times, t => Assert.True(before <= t.Start && t.Start <= t.End && t.End <= after));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
        Assert.True(times[2].End - times[2].Start >= TimeSpan.FromMilliseconds(290), "the sleeping cell's time");

        var run = notebook.Metadata["learnlm"]!;
        double duration = (double)run["duration"]!;
        Assert.InRange(duration, 0.29, (after - before).TotalSeconds);
        var span = DateTimeOffset.Parse((string)run["end_time"]!) - DateTimeOffset.Parse((string)run["start_time"]!);
        Assert.InRange(span.TotalSeconds, duration - 0.05, duration + 0.05);
        Assert.Equal("3", (string)run["parameters"]!["steps"]!);
        Assert.True((bool)run["succeeded"]!);
        TestNotebooks.AssertValidNbformat(TestNotebooks.SaveTemp(notebook));
    }

    [Fact]
    public async Task Failing_cell_stops_the_run_and_is_recorded_as_an_error_output()
    {
        var notebook = TestNotebooks.Make(
            ("code", "var ok = 1;"),
            ("markdown", "between"),
            ("code", "throw new InvalidOperationException(\"broken on purpose\");"),
            ("code", "ok + 1"));
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Failure!.CellNumber);
        Assert.Equal("InvalidOperationException", result.Failure.Error.Name);
        var error = Output(notebook, 2, 0);
        Assert.Equal(("error", "InvalidOperationException", "broken on purpose"), ((string)error["output_type"]!, (string)error["ename"]!, (string)error["evalue"]!));
        Assert.NotEmpty(error["traceback"]!.AsArray());
        Assert.Null(notebook.Cells[3].ExecutionCount);
        Assert.Empty(notebook.Cells[3].Outputs);
        TestNotebooks.AssertValidNbformat(TestNotebooks.SaveTemp(notebook));
    }

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_with_their_types()
    {
        var notebook = TestNotebooks.Make(
            ("code", "int epochs = 3;\ndouble lr = 0.1;\nbool verbose = false;\nvar name = \"default\";\nlong steps = 10L;"),
            ("code", "$\"{epochs + 1} {lr * 2} {verbose} {name} {steps.GetType().Name}\""));
        notebook.Cells[0].Metadata["tags"] = new JsonArray("parameters");
        var parameters = new Dictionary<string, string> { ["epochs"] = "5", ["lr"] = "2", ["verbose"] = "true", ["name"] = "say \"hi\"", ["steps"] = "7", ["extra"] = "1.5" };
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, new NotebookRunOptions(parameters), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Failure?.Error.Value);
        var injected = notebook.Cells[1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Contains("int epochs = 5;", injected.Source);
        Assert.Contains("double lr = 2.0;", injected.Source);
        Assert.Contains("var extra = 1.5;", injected.Source);
        Assert.Contains(result.Warnings, w => w.Contains("'extra'"));
        Assert.Equal("6 4 True say \"hi\" Int64", Text(Output(notebook, 2, 0)["data"]!["text/plain"]));
    }

    [Fact]
    public void Parameter_of_the_wrong_type_is_a_clear_error()
    {
        var notebook = TestNotebooks.Make(("code", "int epochs = 3;"));
        notebook.Cells[0].Metadata["tags"] = new JsonArray("parameters");
        var error = Assert.Throws<ArgumentException>(() => NotebookParameters.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "many" }));
        Assert.Contains("'epochs' is a int", error.Message);
        Assert.Contains("'many'", error.Message);
    }

    [Fact]
    public async Task Cell_timeout_interrupts_and_fails_the_run()
    {
        var notebook = TestNotebooks.Make(("code", "while (true) { }"), ("code", "1"));
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, new NotebookRunOptions(new Dictionary<string, string>(), TimeSpan.FromSeconds(0.5)),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Equal("CellTimeoutError", result.Failure.Error.Name);
    }

    [Fact]
    public void Html_report_is_self_contained()
    {
        var notebook = TestNotebooks.Make(("markdown", "## Loss\nThe loss is $L = (y - \\hat y)^2$."), ("code", "1 + 1"));
        var outputs = notebook.Cells[1].Outputs;
        outputs.Add(new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["image/png"] = "iVBORw0KGgo=", ["text/plain"] = "<image>" } });
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "a < b\n" });
        string html = HtmlReport.Render(notebook, "report");
        Assert.Contains("<h2", html);
        Assert.Contains("<span class=\"math\">", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("a &lt; b", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public async Task Html_report_of_a_notebook_with_charts_carries_plotly_js_in_its_head_and_fetches_nothing()
    {
        var notebook = TestNotebooks.Make(
            ("code", "using Plotly.NET.CSharp;\nChart.Line<double, double, string>(x: new[] { 0.0, 1, 2 }, y: new[] { 1.0, 4, 9 })"),
            ("code", "Chart.Point<double, double, string>(x: new[] { 0.0, 1 }, y: new[] { 2.0, 3 })"));
        var result = await NotebookRunner.RunAsync(notebook, WorkDir, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Failure?.Error.Value);

        string html = HtmlReport.Render(notebook, "charts");
        string head = html[..html.IndexOf("<body>", StringComparison.Ordinal)];
        Assert.Contains("plotly.js v" + LearnLM.Kernel.Extensions.Visualisers.PlotlyJs.Version, head);
        // Before both charts, whichever chart output also carried it (that copy is guarded by typeof window.Plotly).
        Assert.Equal(2, html[head.Length..].Split("class=\"learnlm-chart\"").Length - 1);
        Assert.DoesNotContain("<script src", html);
    }
}
