using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace LearnLM.Kernel.Extensions.Tests;

/// <summary>Parses a formatter's HTML fragment so tests check structure, not strings.</summary>
static class HtmlDocument
{
    public static IDocument Parse(string? html)
    {
        Assert.NotNull(html);
        return new HtmlParser().ParseDocument("<html><body>" + html + "</body></html>");
    }

    public static string Field(this IDocument document, string name) =>
        document.QuerySelector($"[data-field='{name}']")?.TextContent ?? throw new Xunit.Sdk.XunitException($"no field '{name}' in the HTML");

    /// <summary>Rows of the table matching <paramref name="selector"/>: header row first, then body rows, as cell texts.</summary>
    public static List<string[]> Table(this IDocument document, string selector)
    {
        var table = document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no '{selector}' table in the HTML");
        return table.QuerySelectorAll("tr").Select(r => r.QuerySelectorAll("th,td").Select(c => c.TextContent).ToArray()).ToList();
    }
}
