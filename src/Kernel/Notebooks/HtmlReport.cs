using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearnLM.Kernel.Extensions.Visualisers;
using Markdig;

namespace LearnLM.Kernel.Notebooks;

/// <summary>
/// A self-contained HTML page of an executed notebook (chapter 1): markdown rendered with Markdig, code and every
/// output inline (images as data URIs), no CDN — it opens offline. The only script is plotly.js, embedded once in
/// the head when the notebook has charts (their outputs draw themselves once <c>window.Plotly</c> exists; a chart's
/// own output carries the library only the first time a kernel process draws one). LaTeX stays as text inside
/// <c>&lt;span class="math"&gt;</c>, since MathJax is not available offline.
/// </summary>
public static class HtmlReport
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    static readonly Regex Ansi = new(@"\x1b\[[0-9;]*[A-Za-z]", RegexOptions.Compiled);

    const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        .cell { margin: 1rem 0; }
        .prompt { color: #888; font: 0.8rem monospace; }
        pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; border-radius: 4px; margin: 0.2rem 0; }
        pre.output { background: #fff; border-left: 3px solid #ddd; }
        pre.stderr { background: #fff5f5; }
        pre.error { background: #ffecec; color: #a00; }
        .math { font-family: 'Latin Modern Math', serif; font-style: italic; }
        img { max-width: 100%; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
        """;

    public static string Render(Notebook notebook, string title)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title><style>{Style}</style>");
        if (HasCharts(notebook)) html.Append(PlotlyJs.GuardedScriptElement());
        html.Append("</head><body>\n");
        html.Append($"<h1 class=\"notebook-title\">{Encode(title)}</h1>\n");
        foreach (var cell in notebook.Cells)
        {
            html.Append($"<div class=\"cell {cell.CellType}\">\n");
            if (cell.CellType == "markdown") html.Append(Markdig.Markdown.ToHtml(cell.Source, Markdown));
            else if (cell.IsCode)
            {
                html.Append($"<div class=\"prompt\">In [{cell.ExecutionCount?.ToString() ?? " "}]:</div>");
                html.Append($"<pre class=\"input\"><code class=\"language-csharp\">{Encode(cell.Source)}</code></pre>\n");
                foreach (var output in cell.Outputs.OfType<JsonObject>()) html.Append(Output(output)).Append('\n');
            }
            else html.Append($"<pre>{Encode(cell.Source)}</pre>");
            html.Append("</div>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    static bool HasCharts(Notebook notebook) =>
        notebook.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs.OfType<JsonObject>())
            .Any(o => o["data"] is JsonObject data && data.ContainsKey("application/vnd.plotly.v1+json"));

    /// <summary>Writes the report beside nothing else: to a temporary file, then moved over <paramref name="path"/>.</summary>
    public static void Save(Notebook notebook, string title, string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, Render(notebook, title));
        File.Move(temp, full, overwrite: true);
    }

    static string Output(JsonObject output) => output["output_type"]?.GetValue<string>() switch
    {
        "stream" => $"<pre class=\"output {Encode(output["name"]?.GetValue<string>() ?? "")}\">{Encode(Ansi.Replace(Text(output["text"]), ""))}</pre>",
        "error" => $"<pre class=\"output error\">{Encode(Ansi.Replace(string.Join("\n", (output["traceback"] as JsonArray ?? []).Select(Text)), ""))}</pre>",
        "display_data" or "execute_result" => Rich(output["data"] as JsonObject ?? []),
        _ => "",
    };

    /// <summary>The richest representation this static page can show, in a frontend's order of preference.</summary>
    static string Rich(JsonObject data)
    {
        if (data["text/html"] is { } html) return $"<div class=\"output html\">{Text(html)}</div>";
        if (data["image/png"] is { } png) return $"<img class=\"output\" alt=\"output image\" src=\"data:image/png;base64,{Text(png).Replace("\n", "")}\">";
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"output svg\">{Text(svg)}</div>";
        if (data["text/markdown"] is { } markdown) return $"<div class=\"output markdown\">{Markdig.Markdown.ToHtml(Text(markdown), Markdown)}</div>";
        if (data["text/latex"] is { } latex) return $"<div class=\"output\"><span class=\"math\">{Encode(Text(latex))}</span></div>";
        if (data["text/plain"] is { } plain) return $"<pre class=\"output\">{Encode(Ansi.Replace(Text(plain), ""))}</pre>";
        return "";
    }

    /// <summary>nbformat text is a string or a list of lines.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value when value.TryGetValue(out string? text) => text,
        null => "",
        _ => node.ToJsonString(),
    };

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
