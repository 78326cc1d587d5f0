using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// complete_request, inspect_request and is_complete_request, delegated to the engine. Jupyter counts cursor
/// positions in Unicode code points, .NET strings in UTF-16 units; the two differ after an emoji or other
/// astral character, so positions are converted both ways. Chapter 1 (setup).
/// </summary>
public sealed class CodeIntelligence(IExecutionEngine engine)
{
    public JsonObject Complete(JupyterMessage request, CancellationToken cancellationToken)
    {
        string code = request.Content.RequiredString("code");
        int cursor = CursorPosition.ToUtf16(code, request.Content.Int("cursor_pos", CursorPosition.CodePointLength(code)));
        var result = engine.CompleteAsync(code, cursor, cancellationToken).GetAwaiter().GetResult();
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Matches.Select(match => (JsonNode?)JsonValue.Create(match)).ToArray()),
            ["cursor_start"] = CursorPosition.ToCodePoints(code, result.CursorStart),
            ["cursor_end"] = CursorPosition.ToCodePoints(code, result.CursorEnd),
            ["metadata"] = new JsonObject(),
        };
    }

    public JsonObject Inspect(JupyterMessage request, CancellationToken cancellationToken)
    {
        string code = request.Content.RequiredString("code");
        int cursor = CursorPosition.ToUtf16(code, request.Content.Int("cursor_pos", CursorPosition.CodePointLength(code)));
        int detailLevel = request.Content.Int("detail_level", 0);
        var result = engine.InspectAsync(code, cursor, detailLevel, cancellationToken).GetAwaiter().GetResult();
        bool found = result.Found && result.Data is not null;
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found,
            ["data"] = found ? MimeBundleJson.Data(result.Data!) : new JsonObject(),
            ["metadata"] = found ? MimeBundleJson.Metadata(result.Data!) : new JsonObject(),
        };
    }

    public JsonObject IsComplete(JupyterMessage request)
    {
        var result = engine.IsComplete(request.Content.RequiredString("code"));
        var reply = new JsonObject
        {
            ["status"] = result.Status switch
            {
                Completeness.Complete => "complete",
                Completeness.Incomplete => "incomplete",
                Completeness.Invalid => "invalid",
                _ => "unknown",
            },
        };
        if (result.Status == Completeness.Incomplete) reply["indent"] = result.Indent;
        return reply;
    }
}

/// <summary>Jupyter cursor positions (code points) ↔ .NET string indices (UTF-16 units).</summary>
public static class CursorPosition
{
    public static int CodePointLength(string text) => ToCodePoints(text, text.Length);

    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/>, clamped to the text.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        int index = 0;
        for (int seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    public static int ToCodePoints(string text, int utf16Index)
    {
        int end = Math.Clamp(utf16Index, 0, text.Length), count = 0;
        for (int index = 0; index < end; count++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return count;
    }
}
