using System.CommandLine;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Cli;
using LearnLM.Kernel.Notebooks;
using LearnLM.Kernel.Tests.Notebooks;

namespace LearnLM.Kernel.Tests.Cli;

[Collection("Console")]
public sealed class RunCommandTests
{
    // Invoked off the test's synchronization context: the command blocks on its async action, as in Program.cs.
    static (int Exit, string Output) Run(params string[] args) =>
        Task.Run(() => ConsoleCapture.Run(() => new RootCommand { RunCommand.Create() }.Parse(["run", .. args]).Invoke())).GetAwaiter().GetResult();

    [Fact]
    public void Failing_notebook_exits_non_zero_naming_the_notebook_and_cell()
    {
        string good = TestNotebooks.SaveTemp(TestNotebooks.Make(("code", "1 + 1")), "good.ipynb");
        string bad = TestNotebooks.SaveTemp(TestNotebooks.Make(("markdown", "# Bad"), ("code", "var a = 1;"), ("code", "int.Parse(\"not a number\")")), "bad.ipynb");
        var (exit, output) = Run(good, bad);
        Assert.Equal(1, exit);
        Assert.Contains($"FAIL {bad}: cell 3 failed: FormatException", output);
        Assert.Contains($"ok   {good}", output);
        Assert.Contains("2 notebook(s): 1 passed, 1 failed.", output);
        // The failing notebook is still written, with its error output, for the student to open.
        var executed = Notebook.Load(Path.ChangeExtension(bad, null) + ".executed.ipynb");
        Assert.Equal("error", (string)executed.Cells[2].Outputs[0]!["output_type"]!);
    }

    [Fact]
    public void Good_notebook_with_parameters_writes_the_notebook_and_html_to_the_output_folder()
    {
        var notebook = TestNotebooks.Make(("markdown", "# Report"), ("code", "int epochs = 1;"), ("code", "Console.WriteLine($\"epochs={epochs}\");"));
        notebook.Cells[1].Metadata["tags"] = new JsonArray("parameters");
        string input = TestNotebooks.SaveTemp(notebook, "train.ipynb");
        string outputDir = Directory.CreateTempSubdirectory("learnlm-out").FullName;
        var (exit, output) = Run(input, "--output", outputDir, "--html", "--param", "epochs=4", "--timeout", "60");
        Assert.True(exit == 0, output);
        var executed = Notebook.Load(Path.Combine(outputDir, "train.ipynb"));
        Assert.Equal("epochs=4\n", (string)executed.Cells[3].Outputs[0]!["text"]!);
        Assert.Contains("epochs=4", File.ReadAllText(Path.Combine(outputDir, "train.html")));
        TestNotebooks.AssertValidNbformat(Path.Combine(outputDir, "train.ipynb"));
    }

    [Fact]
    public void Malformed_param_is_a_usage_error()
    {
        string input = TestNotebooks.SaveTemp(TestNotebooks.Make(("code", "1")));
        Assert.Equal(2, Run(input, "--param", "noequals").Exit);
    }

    [Fact]
    public void Missing_notebook_is_a_usage_error()
    {
        var (exit, output) = Run("/nonexistent/nothing.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("no such notebook", output);
    }
}
