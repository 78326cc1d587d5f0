namespace LearnLM.Kernel.Extensions.Visualisers;

/// <summary>
/// plotly.js, embedded at build time (see PlotlyJs.targets), so charts draw offline (chapter 5 onwards plots
/// training curves). The first chart of a session carries the script; later ones find <c>window.Plotly</c>.
/// </summary>
public static class PlotlyJs
{
    static readonly Lazy<string> _script = new(Load);
    static int _delivered;

    /// <summary>plotly.min.js, ready to sit inside a &lt;script&gt; element.</summary>
    public static string Script => _script.Value;

    /// <summary>The plotly.js version embedded (the one Plotly.NET 6.0 targets).</summary>
    public const string Version = "2.28.0";

    /// <summary>
    /// True the first time it is called in this process: that chart carries the script. Set
    /// <see cref="EveryChartCarriesScript"/> for notebooks whose outputs are viewed one at a time (exported HTML).
    /// </summary>
    public static bool ClaimDelivery() => EveryChartCarriesScript || Interlocked.Exchange(ref _delivered, 1) == 0;

    public static bool EveryChartCarriesScript { get; set; }

    /// <summary>A script element that defines <c>window.Plotly</c> unless the page already has it.</summary>
    public static string GuardedScriptElement() =>
        "<script type=\"text/javascript\">if (typeof window.Plotly === 'undefined') {\n" + Script + "\n}</script>";

    static string Load()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream("plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in LearnLM.Kernel.Extensions; rebuild it (the build fetches it with npm).");
        using var reader = new StreamReader(stream);
        // "</script" inside the script would end the element early; "<\/" means the same in JavaScript strings and regexes.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
