using System.Text.Encodings.Web;
using System.Text.Json;

namespace LearnLM.Kernel.Protocol;

/// <summary>Shared serializer settings: created once, because building options per message is costly.</summary>
static class JsonOptions
{
    /// <summary>Compact, and non-ASCII text as UTF-8 rather than \u escapes (frontends show it either way; UTF-8 is shorter).</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = 256 };
}
