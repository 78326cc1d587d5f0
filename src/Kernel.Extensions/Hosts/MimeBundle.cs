namespace LearnLM.Kernel.Extensions.Hosts;

/// <summary>
/// One displayable thing in several representations, keyed by MIME type, as Jupyter's display messages carry it.
/// Values are strings: text types as text, <c>image/png</c> as base64, JSON types (<c>application/json</c>,
/// <c>application/vnd.plotly.v1+json</c>) as serialized JSON, which a host parses before sending.
/// </summary>
public sealed record MimeBundle(IReadOnlyDictionary<string, string> Data, IReadOnlyDictionary<string, string>? Metadata = null)
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Png = "image/png";
    public const string Json = "application/json";
    public const string PlotlyJson = "application/vnd.plotly.v1+json";
    public const string Markdown = "text/markdown";

    public static MimeBundle Text(string text) => new(new Dictionary<string, string> { [PlainText] = text });

    /// <summary>True for MIME types whose value is serialized JSON rather than text.</summary>
    public static bool IsJson(string mimeType) => mimeType == Json || mimeType.EndsWith("+json", StringComparison.Ordinal);

    public string? this[string mimeType] => Data.TryGetValue(mimeType, out var value) ? value : null;
}
