using System.Text;
using LearnLM.Kernel.Extensions.Hosts;
using Plotly.NET;

namespace LearnLM.Kernel.Extensions.Visualisers;

/// <summary>
/// A Plotly figure as a MIME bundle (chapter 5 onwards): HTML that draws it with the embedded plotly.js (no CDN),
/// and the figure JSON as <c>application/vnd.plotly.v1+json</c> for VS Code and JupyterLab's own renderers.
/// </summary>
public static class PlotlyChart
{
    /// <summary>The figure JSON (<c>{"data": [...], "layout": {...}}</c>) of a Plotly.NET chart.</summary>
    public static string FigureJson(GenericChart chart) => GenericChart.toFigureJson(chart);

    public static MimeBundle Bundle(GenericChart chart, string text = "Plotly chart") =>
        Bundle(FigureJson(chart), text, PlotlyJs.ClaimDelivery());

    /// <param name="figureJson">The figure as Plotly JSON.</param>
    /// <param name="text">The text/plain form, for terminals and logs.</param>
    /// <param name="includeScript">Whether this output carries plotly.js (guarded, so a page loads it once).</param>
    /// <param name="htmlAbove">Extra HTML above the chart, e.g. a progress bar.</param>
    public static MimeBundle Bundle(string figureJson, string text, bool includeScript, string htmlAbove = "") =>
        new(new Dictionary<string, string>
        {
            [MimeBundle.PlainText] = text,
            [MimeBundle.Html] = Html(figureJson, includeScript, htmlAbove),
            [MimeBundle.PlotlyJson] = figureJson,
        });

    public static string Html(string figureJson, bool includeScript, string htmlAbove = "")
    {
        string id = "learnlm-plot-" + Guid.NewGuid().ToString("N");
        var html = new StringBuilder("<div class=\"learnlm-chart\">").Append(htmlAbove);
        html.Append($"<div id=\"{id}\" style=\"width:100%;min-height:420px\"></div>");
        if (includeScript) html.Append(PlotlyJs.GuardedScriptElement());
        // Waits for window.Plotly, which this or an earlier output of the page defines; after 10 s it says why nothing shows.
        string figure = figureJson.Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append("<script type=\"text/javascript\">(function () {")
            .Append($"var figure = {figure}; var tries = 0;")
            .Append("function draw() {")
            .Append($"var target = document.getElementById('{id}'); if (!target) return;")
            .Append("if (window.Plotly) { window.Plotly.react(target, figure.data, figure.layout, {responsive: true}); return; }")
            .Append("if (++tries < 200) { setTimeout(draw, 50); return; }")
            .Append("target.textContent = 'plotly.js is not loaded in this page: re-run the cell that drew the first chart, or set PlotlyJs.EveryChartCarriesScript = true.';")
            .Append("} draw(); })();</script>");
        return html.Append("</div>").ToString();
    }
}
