using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LearnLM.Kernel.Tests.Conformance;

/// <summary>
/// The installed kernel through Jupyter's own clients: jupyter_kernel_test's conformance suite, and nbclient
/// executing a notebook with rich outputs. These start real <c>learnlm kernel</c> processes with the Roslyn engine.
/// </summary>
public sealed class JupyterConformanceTests
{
    [Fact]
    public void Jupyter_kernel_test_suite_passes()
    {
        using var kernel = InstalledKernel.Require("jupyter_kernel_test");
        var (exit, output) = kernel.RunPython(["-m", "unittest", "-v", "tests/Conformance/test_learnlm_kernel.py"], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"jupyter_kernel_test failed (exit {exit}):\n{output}");
        Assert.Matches(@"(?m)^OK", output);
        // Every sample the suite has for C# must have run, not been skipped.
        foreach (var test in new[] { "test_execute_stdout", "test_execute_stderr", "test_completion", "test_is_complete", "test_error",
                     "test_execute_result", "test_display_data", "test_history", "test_inspect", "test_kernel_info" })
            Assert.Matches(new Regex($@"{test} \(.*\) \.\.\. ok"), output);
    }

    [Fact]
    public void Nbclient_executes_a_notebook_with_rich_outputs()
    {
        using var kernel = InstalledKernel.Require("nbclient", "nbformat");
        string executed = Path.Combine(kernel.TempDirectory, "executed.ipynb");
        var (exit, output) = kernel.ExecuteWithNbclient("tests/Conformance/rich-outputs.ipynb", executed, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"nbclient failed (exit {exit}):\n{output}");

        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        JsonArray Outputs(string id) => cells.Single(c => c!["id"]!.GetValue<string>() == id)!["outputs"]!.AsArray();
        static string Joined(JsonNode? text) => Notebooks.TestNotebooks.Text(text);

        var stream = Outputs("stdout").Single();
        Assert.Equal("stream", stream!["output_type"]!.GetValue<string>());
        Assert.Equal("stdout", stream["name"]!.GetValue<string>());
        Assert.Equal("hello from LearnLM\n", Joined(stream["text"]));

        var result = Outputs("result").Single();
        Assert.Equal("execute_result", result!["output_type"]!.GetValue<string>());
        Assert.Equal("42", Joined(result["data"]!["text/plain"]));
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());

        // nbclient applies update_display_data to the output with the same display id: it shows step 2.
        var displays = Outputs("display");
        Assert.Equal(2, displays.Count);
        Assert.All(displays, d => Assert.Equal("display_data", d!["output_type"]!.GetValue<string>()));
        Assert.Equal("<b>step 2</b>", Joined(displays[0]!["data"]!["text/html"]));
        Assert.Equal(0.25, displays[1]!["data"]!["application/json"]!["loss"]!.GetValue<double>());

        Assert.Equal("43", Joined(Outputs("state").Single()!["data"]!["text/plain"]));
    }

    [Fact]
    public void A_training_curve_updates_in_place_through_the_kernel()
    {
        using var kernel = InstalledKernel.Require("jupyter_client", "nbformat");
        var (exit, output) = kernel.RunPython(["tests/Kernel.Extensions.Tests/Assets/check_live_curve.py", InstalledKernel.Name], TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, $"live-curve check failed (exit {exit}):\n{output}");
        Assert.Matches(@"ok: display \S+ updated \d+ times", output);
    }
}
