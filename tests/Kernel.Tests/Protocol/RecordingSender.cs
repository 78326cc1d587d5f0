using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>The mock transport: records what the kernel sends and lets a test wait for a message.</summary>
sealed class RecordingSender : IMessageSender
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    readonly List<(KernelChannel Channel, JupyterMessage Message)> _sent = [];

    public void Send(KernelChannel channel, JupyterMessage message)
    {
        lock (_sent)
        {
            _sent.Add((channel, message));
            Monitor.PulseAll(_sent);
        }
    }

    public (KernelChannel Channel, JupyterMessage Message) WaitFor(Func<KernelChannel, JupyterMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        lock (_sent)
        {
            while (true)
            {
                foreach (var sent in _sent)
                    if (match(sent.Channel, sent.Message)) return sent;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_sent, left) && DateTime.UtcNow >= deadline)
                    throw new TimeoutException("no matching message; sent so far: " + string.Join(", ", _sent.Select(s => $"{s.Channel}:{s.Message.MsgType}")));
            }
        }
    }

    /// <summary>The reply to <paramref name="request"/>, after its idle status (so everything it caused has been sent).</summary>
    public JupyterMessage ReplyTo(JupyterMessage request, KernelChannel channel = KernelChannel.Shell)
    {
        WaitFor((c, m) => c == KernelChannel.IOPub && m.MsgType == "status" && ParentId(m) == request.MsgId && m.Content["execution_state"]!.GetValue<string>() == "idle");
        return WaitFor((c, m) => c == channel && ParentId(m) == request.MsgId && m.MsgType.EndsWith("_reply")).Message;
    }

    public IReadOnlyList<JupyterMessage> Iopub(JupyterMessage request)
    {
        lock (_sent) return _sent.Where(s => s.Channel == KernelChannel.IOPub && ParentId(s.Message) == request.MsgId).Select(s => s.Message).ToArray();
    }

    public IReadOnlyList<(KernelChannel Channel, JupyterMessage Message)> All
    {
        get { lock (_sent) return _sent.ToArray(); }
    }

    public static string? ParentId(JupyterMessage message) => message.ParentHeader["msg_id"]?.GetValue<string>();

    public static JupyterMessage Request(string msgType, JsonObject? content = null) =>
        new([[1, 2, 3]], new KernelSession("client-session", "tester").NewHeader(msgType), new JsonObject(), new JsonObject(), content ?? new JsonObject());
}
