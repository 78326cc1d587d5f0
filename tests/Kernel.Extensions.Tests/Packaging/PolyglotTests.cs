using LearnLM.Kernel.Extensions.Hosts;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Packaging;

public sealed class PolyglotTests
{
    [Fact]
    public void Register_hands_formatters_to_dotnet_interactive_through_its_documented_signature()
    {
        int count = Polyglot.Register();
        Assert.Equal(Polyglot.FormattedTypes.Count * 2, count);

        var registrations = Microsoft.DotNet.Interactive.Formatting.Formatter.Registrations;
        var (_, write, _) = registrations.Last(r => r.Type == typeof(Tensor) && r.MimeType == MimeBundle.Html);
        using var t = arange(6).reshape(2, 3);
        var html = new StringWriter();
        write(t, html);
        Assert.Equal("[2, 3]", HtmlDocument.Parse(html.ToString()).Field("shape"));
        Assert.Contains(registrations, r => r.Type == typeof(Deedle.Frame<,>));
        Assert.Contains(Microsoft.DotNet.Interactive.Formatting.Formatter.Preferred, p => p.Type == typeof(Tensor) && p.MimeTypes.SequenceEqual([MimeBundle.Html]));
    }

    [Fact]
    public void Magic_runs_magic_lines_and_rejects_code()
    {
        Assert.Throws<LearnLM.Kernel.Extensions.Magics.MagicUsageException>(() => Polyglot.Magic("var x = 1;"));
        Assert.Throws<LearnLM.Kernel.Extensions.Magics.MagicUsageException>(() => Polyglot.Magic("#!threads many"));
    }
}

/// <summary>Live curves in Polyglot Notebooks: the monitor, given no host, draws through .NET Interactive and updates in place.</summary>
public sealed class PolyglotDisplayTests
{
    [Fact]
    public void A_monitor_without_a_host_updates_one_dotnet_interactive_display()
    {
        var context = new Microsoft.DotNet.Interactive.KernelInvocationContext();
        Microsoft.DotNet.Interactive.KernelInvocationContext.Current = context;
        try
        {
            Polyglot.Register();
            Assert.IsType<PolyglotDisplayHost>(DisplayContext.Default);
            var monitor = new LearnLM.Kernel.Extensions.Visualisers.TrainingMonitor(title: "polyglot");
            monitor.OnFitStart(2);
            monitor.OnEpochEnd(new Dictionary<string, double> { ["loss"] = 1.0 });
            monitor.OnEpochEnd(new Dictionary<string, double> { ["loss"] = 0.5 });
            monitor.OnFitEnd();

            var published = context.Published;
            Assert.Equal(4, published.Count);                                 // the display, two epochs, the end
            Assert.All(published, p => Assert.Same(published[0].Display, p.Display));
            Assert.All(published, p => Assert.NotNull(HtmlDocument.Parse(p.Html).QuerySelector(".learnlm-chart")));
            Assert.Contains("done: 2 epochs", published[^1].Html);
        }
        finally
        {
            Microsoft.DotNet.Interactive.KernelInvocationContext.Current = null;
        }
    }
}
