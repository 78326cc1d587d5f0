using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// One Jupyter message: routing identities, the four JSON dictionaries, and optional binary buffers
/// (messaging spec 5.3, "the wire protocol"). Chapter 1 (setup).
/// </summary>
public sealed class JupyterMessage(IReadOnlyList<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata, JsonObject content, IReadOnlyList<byte[]>? buffers = null)
{
    public IReadOnlyList<byte[]> Identities { get; } = identities;
    public JsonObject Header { get; } = header;
    public JsonObject ParentHeader { get; } = parentHeader;
    public JsonObject Metadata { get; } = metadata;
    public JsonObject Content { get; } = content;
    public IReadOnlyList<byte[]> Buffers { get; } = buffers ?? [];

    /// <summary>The header frame exactly as received, reused as the parent header of replies without re-serializing.</summary>
    public byte[]? RawHeader { get; init; }

    /// <summary>The parent's raw header frame, when this message answers a received one; sent as is.</summary>
    public byte[]? RawParentHeader { get; init; }

    public string MsgType => Header.TryGetPropertyValue("msg_type", out var node) && node is JsonValue value && value.TryGetValue(out string? text) ? text : "";
    public string MsgId => Header.TryGetPropertyValue("msg_id", out var node) && node is JsonValue value && value.TryGetValue(out string? text) ? text : "";
}
