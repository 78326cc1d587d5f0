using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>Checks from the Jupyter messaging spec 5.3 that every message and reply must satisfy.</summary>
static class Spec
{
    public static void Header(JupyterMessage message, string msgType)
    {
        foreach (var field in new[] { "msg_id", "session", "username", "date", "msg_type", "version" })
            Assert.True(message.Header[field]?.GetValueKind() == JsonValueKind.String, $"header.{field} must be a string: {message.Header.ToJsonString()}");
        Assert.Equal(msgType, message.MsgType);
        Assert.Equal("5.3", message.Header["version"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(message.Header["date"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "header.date must be ISO 8601");
    }

    /// <summary>A reply: right type, parent is the request, routed to the requester, a valid status.</summary>
    public static void Reply(JupyterMessage reply, JupyterMessage request, string msgType, string status = "ok")
    {
        Header(reply, msgType);
        Assert.Equal(request.MsgId, RecordingSender.ParentId(reply));
        Assert.Equal(request.MsgType, reply.ParentHeader["msg_type"]!.GetValue<string>());
        Assert.Equal(request.Identities.Select(Convert.ToHexString), reply.Identities.Select(Convert.ToHexString));
        Assert.Equal(status, reply.Content["status"]?.GetValue<string>());
        if (status == "error")
        {
            Assert.Equal(JsonValueKind.String, reply.Content["ename"]?.GetValueKind());
            Assert.Equal(JsonValueKind.String, reply.Content["evalue"]?.GetValueKind());
            Assert.IsType<JsonArray>(reply.Content["traceback"]);
        }
    }

    /// <summary>iopub for one request: busy first, idle last, everything parented to the request.</summary>
    public static void BusyThenIdle(IReadOnlyList<JupyterMessage> iopub)
    {
        Assert.True(iopub.Count >= 2, "expected at least busy and idle");
        Assert.Equal("busy", iopub[0].Content["execution_state"]?.GetValue<string>());
        Assert.Equal("idle", iopub[^1].Content["execution_state"]?.GetValue<string>());
        foreach (var message in iopub) Header(message, message.MsgType);
    }

    public static string Text(JsonNode? node) => node!.GetValue<string>();
    public static int Int(JsonNode? node) => node!.GetValue<int>();
}
