using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Tests.Execution;

public sealed class CompletionTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    readonly ScriptEngine _engine = fixture.Engine;

    [Theory]
    [InlineData("var x = 1;", Completeness.Complete)]
    [InlineData("x * 21", Completeness.Complete)]
    [InlineData("", Completeness.Complete)]
    [InlineData("#!time", Completeness.Complete)]
    [InlineData("for (int i = 0; i < 3; i++)\n{", Completeness.Incomplete)]
    [InlineData("var y = 1 +", Completeness.Incomplete)]
    [InlineData("void F()", Completeness.Incomplete)]
    [InlineData("var 1x = 2;", Completeness.Invalid)]
    [InlineData("int z = ;", Completeness.Invalid)]
    public void Is_complete(string code, Completeness expected) =>
        Assert.Equal(expected, _engine.IsComplete(code).Status);

    [Fact]
    public void Incomplete_code_suggests_the_indent_of_its_next_line()
    {
        Assert.Equal("    ", _engine.IsComplete("if (true)\n{").Indent);
        Assert.Equal("        ", _engine.IsComplete("void F()\n{\n    if (true)\n    {").Indent);
    }

    [Fact]
    public async Task Completion_sees_variables_from_earlier_cells()
    {
        await _engine.Value("var learningRateForCompletion = 0.1;");
        string code = "var step = learningRateFor";
        var result = await _engine.CompleteAsync(code, code.Length, TestContext.Current.CancellationToken);
        Assert.Contains("learningRateForCompletion", result.Matches);
        Assert.Equal(code.IndexOf("learningRateFor", StringComparison.Ordinal), result.CursorStart);
        Assert.Equal(code.Length, result.CursorEnd);
    }

    [Fact]
    public async Task Completion_lists_members_after_a_dot()
    {
        string code = "#!time\nvar t = torch.zeros(3);\nt.resh";
        var result = await _engine.CompleteAsync(code, code.Length, TestContext.Current.CancellationToken);
        Assert.Contains("reshape", result.Matches);
        Assert.All(result.Matches, m => Assert.StartsWith("resh", m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Inspect_shows_signature_and_doc_summary_of_a_cell_method()
    {
        await _engine.Value("/// <summary>Squares a number for the inspect test.</summary>\ndouble SquareForInspect(double x) => x * x;");
        string code = "SquareForInspect(3)";
        var result = await _engine.InspectAsync(code, 5, 0, TestContext.Current.CancellationToken);
        Assert.True(result.Found);
        string text = result.Data![MimeBundle.PlainText]!;
        Assert.Contains("SquareForInspect(double x)", text);
        Assert.Contains("Squares a number for the inspect test.", text);
    }

    [Fact]
    public async Task Inspect_finds_framework_docs()
    {
        string code = "Math.Sqrt";
        var result = await _engine.InspectAsync(code, code.Length, 0, TestContext.Current.CancellationToken);
        Assert.True(result.Found);
        Assert.Contains("Sqrt(double", result.Data![MimeBundle.PlainText]!);
    }

    [Fact]
    public async Task Inspect_of_nothing_is_not_found()
    {
        var result = await _engine.InspectAsync("   ", 1, 0, TestContext.Current.CancellationToken);
        Assert.False(result.Found);
    }
}
