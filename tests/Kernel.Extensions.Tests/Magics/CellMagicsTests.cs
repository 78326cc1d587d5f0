using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Magics;

namespace LearnLM.Kernel.Extensions.Tests.Magics;

public sealed class CellMagicsTests
{
    /// <summary>A magic that records its arguments, optionally wrapping the rest of the cell.</summary>
    sealed class Probe(string name, bool wraps, List<string> log) : IMagic
    {
        public string Name => name;
        public string Summary => "probe";
        public string Help => $"#!{name} help text";
        public bool WrapsCell => wraps;
        public async Task RunAsync(IReadOnlyList<string> args, MagicContext context)
        {
            log.Add($"{name}({string.Join('|', args)})");
            if (!wraps) return;
            log.Add($"{name} before");
            await context.RunRestAsync();
            log.Add($"{name} after");
        }
    }

    static (MagicRegistry Registry, List<string> Log) Registry()
    {
        var log = new List<string>();
        var registry = new MagicRegistry();
        registry.Register(new Probe("a", false, log));
        registry.Register(new Probe("wrap", true, log));
        return (registry, log);
    }

    [Fact]
    public void Split_takes_leading_magic_lines_and_keeps_line_numbers()
    {
        var (magics, code) = CellMagics.Split("#!a 1\n\n  #!wrap\nvar x = 1;\n#!a not-a-magic-here");
        Assert.Equal(["#!a 1", "#!wrap"], magics);
        Assert.Equal("\n\n\nvar x = 1;\n#!a not-a-magic-here", code);   // magic lines after code stay code
        Assert.Equal(4, code.Split('\n').ToList().IndexOf("var x = 1;") + 1);
    }

    [Fact]
    public void A_cell_without_magics_is_returned_unchanged()
    {
        var (magics, code) = CellMagics.Split("#!/usr/bin/env dotnet\nConsole.WriteLine(1);");
        Assert.Empty(magics);
        Assert.Equal("#!/usr/bin/env dotnet\nConsole.WriteLine(1);", code);
    }

    [Fact]
    public void Parse_groups_quoted_words_and_rejects_an_unclosed_quote()
    {
        var (name, args) = CellMagics.Parse("#!seed  \"a b\"  c \"\"");
        Assert.Equal("seed", name);
        Assert.Equal(["a b", "c", ""], args);
        Assert.Throws<MagicUsageException>(() => CellMagics.Parse("#!seed \"a b"));
    }

    [Fact]
    public async Task Magics_run_in_order_then_the_code()
    {
        var (registry, log) = Registry();
        await CellMagics.RunAsync("#!a x\n#!a y z\ncode();", registry, new RecordingHost(), code => { log.Add("code " + code.Trim()); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        Assert.Equal(["a(x)", "a(y|z)", "code code();"], log);
    }

    [Fact]
    public async Task A_wrapping_magic_runs_the_rest_of_the_cell_inside_itself()
    {
        var (registry, log) = Registry();
        await CellMagics.RunAsync("#!wrap\n#!a 1\nbody", registry, new RecordingHost(), code => { log.Add("code"); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        Assert.Equal(["wrap()", "wrap before", "a(1)", "code", "wrap after"], log);
    }

    [Fact]
    public async Task An_unknown_magic_fails_before_anything_runs_and_names_the_known_ones()
    {
        var (registry, log) = Registry();
        var error = await Assert.ThrowsAsync<MagicUsageException>(() =>
            CellMagics.RunAsync("#!a 1\n#!nope\ncode", registry, new RecordingHost(), _ => { log.Add("code"); return Task.CompletedTask; }, TestContext.Current.CancellationToken));
        Assert.Contains("#!nope", error.Message);
        Assert.Contains("#!a, #!wrap", error.Message);
        Assert.Empty(log);
    }

    [Fact]
    public async Task Help_prints_the_help_and_runs_nothing_else()
    {
        var (registry, log) = Registry();
        var host = new RecordingHost();
        await CellMagics.RunAsync("#!wrap --help\ncode", registry, host, _ => { log.Add("code"); return Task.CompletedTask; }, TestContext.Current.CancellationToken);
        Assert.Equal("#!wrap help text\n", host.Stdout);
        Assert.Empty(log);
    }
}
