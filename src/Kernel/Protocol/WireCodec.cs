using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// Turns messages into ZeroMQ multipart frames and back: identities, <c>&lt;IDS|MSG&gt;</c>, signature, header,
/// parent header, metadata, content, buffers. Decoding checks the signature and the JSON shape and says why it
/// rejects a message; it never throws. Chapter 1 (setup).
/// </summary>
public sealed class WireCodec(MessageSigner signer)
{
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();
    static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public MessageSigner Signer { get; } = signer;

    public List<byte[]> Encode(JupyterMessage message)
    {
        byte[] header = Serialize(message.Header);
        byte[] parent = message.RawParentHeader ?? (message.ParentHeader.Count == 0 ? EmptyObject : Serialize(message.ParentHeader));
        return Encode(message.Identities, header, parent, Serialize(message.Metadata), Serialize(message.Content), message.Buffers);
    }

    /// <summary>Encodes with an already serialized parent header (a request's raw header frame).</summary>
    public List<byte[]> Encode(IReadOnlyList<byte[]> identities, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content, IReadOnlyList<byte[]>? buffers = null)
    {
        var frames = new List<byte[]>(identities.Count + 6 + (buffers?.Count ?? 0));
        frames.AddRange(identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(Signer.Sign(header, parentHeader, metadata, content)));
        frames.Add(header);
        frames.Add(parentHeader);
        frames.Add(metadata);
        frames.Add(content);
        if (buffers is not null) frames.AddRange(buffers);
        return frames;
    }

    public static byte[] Serialize(JsonObject node) => JsonSerializer.SerializeToUtf8Bytes(node, JsonOptions.Wire);

    /// <summary>Parses and verifies frames; on failure <paramref name="error"/> says what was wrong.</summary>
    public bool TryDecode(IReadOnlyList<byte[]> frames, out JupyterMessage? message, out string error)
    {
        message = null;
        int delimiter = -1;
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0) { error = $"no <IDS|MSG> delimiter among {frames.Count} frames"; return false; }
        if (frames.Count - delimiter - 1 < 5) { error = $"{frames.Count - delimiter - 1} frames after <IDS|MSG>; a message needs signature, header, parent_header, metadata, content"; return false; }

        var (signature, header, parent, metadata, content) = (frames[delimiter + 1], frames[delimiter + 2], frames[delimiter + 3], frames[delimiter + 4], frames[delimiter + 5]);
        if (!Signer.Verify(signature, header, parent, metadata, content)) { error = "bad signature"; return false; }

        if (!TryParseObject(header, "header", out var headerObject, out error)
            || !TryParseObject(parent, "parent_header", out var parentObject, out error)
            || !TryParseObject(metadata, "metadata", out var metadataObject, out error)
            || !TryParseObject(content, "content", out var contentObject, out error))
            return false;
        foreach (var field in (ReadOnlySpan<string>)["msg_id", "msg_type"])
            if (!headerObject!.TryGetPropertyValue(field, out var node) || node is not JsonValue value || !value.TryGetValue(out string? _))
            { error = $"header has no string '{field}'"; return false; }

        message = new JupyterMessage(frames.Take(delimiter).ToArray(), headerObject!, parentObject!, metadataObject!, contentObject!, frames.Skip(delimiter + 6).ToArray())
        { RawHeader = header };
        error = "";
        return true;
    }

    static bool TryParseObject(byte[] frame, string name, out JsonObject? result, out string error)
    {
        result = null;
        try
        {
            // Count materializes the lazily parsed object, so duplicate keys fail here rather than in a handler.
            if (JsonNode.Parse(frame, documentOptions: JsonOptions.Document) is JsonObject parsed && parsed.Count >= 0) { result = parsed; error = ""; return true; }
            error = $"{name} is not a JSON object";
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException) { error = $"{name} is not valid JSON: {e.Message}"; }
        return false;
    }
}
