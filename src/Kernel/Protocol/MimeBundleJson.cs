using System.Text.Json;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// A <see cref="MimeBundle"/> as Jupyter's <c>data</c> and <c>metadata</c> dictionaries. JSON MIME types carry
/// serialized JSON, which goes out as a JSON value (a frontend's Plotly renderer expects an object, not a string).
/// Chapter 1 (setup).
/// </summary>
public static class MimeBundleJson
{
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in bundle.Data)
            data[mimeType] = MimeBundle.IsJson(mimeType) ? ParseOrText(value) : JsonValue.Create(value);
        return data;
    }

    /// <summary>Per-MIME-type metadata (e.g. <c>{"image/png": {"width": 64}}</c>); values that hold JSON objects are sent as objects.</summary>
    public static JsonObject Metadata(MimeBundle bundle)
    {
        var metadata = new JsonObject();
        if (bundle.Metadata is null) return metadata;
        foreach (var (key, value) in bundle.Metadata)
            metadata[key] = value.AsSpan().TrimStart() is ['{', ..] or ['[', ..] ? ParseOrText(value) : JsonValue.Create(value);
        return metadata;
    }

    /// <summary>Parsed JSON, or the text itself when a formatter produced something that is not JSON (shown rather than lost).</summary>
    static JsonNode? ParseOrText(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return JsonValue.Create(value); }
    }
}
