using System.Globalization;
using System.Text.RegularExpressions;
using LearnLM.Kernel.Cli;

namespace LearnLM.Kernel.Tests.Cli;

[Collection("Console")]
public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_trains_on_the_embedded_sample_and_beats_chance_by_far()
    {
        var (exit, output) = ConsoleCapture.Run(() => new System.CommandLine.RootCommand { DemoCommand.Create() }.Parse(["demo", "--epochs", "1"]).Invoke());
        Assert.Equal(0, exit);
        var match = Regex.Match(output, @"test accuracy: ([\d.]+) %");
        Assert.True(match.Success, output);
        // Ten balanced classes: chance is 10 %. One epoch of an MLP on 6,000 images reaches ~75 %; 60 % leaves room for seeds and BLAS.
        Assert.True(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 60, output);
    }

    [Fact]
    public void Zero_epochs_is_a_usage_error()
    {
        var (exit, _) = ConsoleCapture.Run(() => new System.CommandLine.RootCommand { DemoCommand.Create() }.Parse(["demo", "--epochs", "0"]).Invoke());
        Assert.Equal(2, exit);
    }
}

static class ConsoleCapture
{
    public static (int Exit, string Output) Run(Func<int> action)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var writer = new StringWriter();
        Console.SetOut(writer); Console.SetError(writer);
        try { return (action(), writer.ToString()); }
        finally { Console.SetOut(stdout); Console.SetError(stderr); }
    }
}
