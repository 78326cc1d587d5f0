using System.Globalization;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// Who this kernel is on the wire: its session id and user name, stamped into the header of every message it
/// sends, with the request as parent header. Chapter 1 (setup).
/// </summary>
public sealed class KernelSession(string? sessionId = null, string userName = "learnlm")
{
    public const string ProtocolVersion = "5.3";

    public string SessionId { get; } = sessionId ?? Guid.NewGuid().ToString();
    public string UserName { get; } = userName;

    public JsonObject NewHeader(string msgType) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString(),
        ["session"] = SessionId,
        ["username"] = UserName,
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = msgType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>A reply to <paramref name="request"/>, routed back to its sender (same identities).</summary>
    public JupyterMessage Reply(JupyterMessage request, string msgType, JsonObject content) =>
        new(request.Identities, NewHeader(msgType), request.Header, new JsonObject(), content) { RawParentHeader = request.RawHeader };

    /// <summary>An iopub broadcast caused by <paramref name="parent"/> (or by nothing, e.g. the starting status).</summary>
    public JupyterMessage Broadcast(JupyterMessage? parent, string msgType, JsonObject content) =>
        new([TopicFor(msgType)], NewHeader(msgType), parent?.Header ?? new JsonObject(), new JsonObject(), content) { RawParentHeader = parent?.RawHeader };

    byte[] TopicFor(string msgType) => System.Text.Encoding.ASCII.GetBytes($"kernel.{SessionId}.{msgType}");
}
