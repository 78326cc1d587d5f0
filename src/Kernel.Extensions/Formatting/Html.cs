using System.Net;
using System.Text;

namespace LearnLM.Kernel.Extensions.Formatting;

/// <summary>Small helpers for the formatters' HTML: escaping, tables, embedded PNGs.</summary>
static class Html
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The ellipsis cell or row marker shown where rows or columns are left out.</summary>
    public const string Ellipsis = "…";

    /// <summary>A table whose first row is the header; every cell is escaped text.</summary>
    public static string Table(string cssClass, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder($"<table class=\"{cssClass}\"><thead><tr>");
        foreach (var cell in header) html.Append("<th>").Append(Escape(cell)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Escape(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>An inline PNG, drawn <paramref name="scale"/> times larger without smoothing so pixels stay crisp.</summary>
    public static string Image(string cssClass, byte[] png, int width, int scale = 1) =>
        $"<img class=\"{cssClass}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" " +
        $"style=\"width:{width * scale}px;image-rendering:pixelated\"/>";
}
