using System.Text;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>A minimal Jupyter client over real sockets (as jupyter_client connects: DEALER, SUB, REQ), for loopback tests.</summary>
sealed class KernelClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    readonly KernelSession _session = new("test-client", "tester");
    public DealerSocket Shell { get; } = new();
    public DealerSocket Control { get; } = new();
    public DealerSocket Stdin { get; } = new();
    public SubscriberSocket Iopub { get; } = new();
    public RequestSocket Heartbeat { get; } = new();
    public WireCodec Codec { get; }

    public KernelClient(ConnectionInfo connection, string? key = null)
    {
        Codec = new WireCodec(new MessageSigner(key ?? connection.Key));
        var identity = Encoding.ASCII.GetBytes("client-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var socket in new NetMQSocket[] { Shell, Control, Stdin, Iopub, Heartbeat }) socket.Options.Linger = TimeSpan.Zero;
        Shell.Options.Identity = identity;
        Control.Options.Identity = identity;
        // jupyter_client gives stdin the shell's identity: the kernel routes input_request by the execute request's.
        Stdin.Options.Identity = identity;
        Stdin.Connect(connection.Address(connection.StdinPort));
        Shell.Connect(connection.Address(connection.ShellPort));
        Control.Connect(connection.Address(connection.ControlPort));
        Iopub.Connect(connection.Address(connection.IopubPort));
        Iopub.SubscribeToAnyTopic();
        Heartbeat.Connect(connection.Address(connection.HeartbeatPort));
    }

    public JupyterMessage Request(string msgType, JsonObject? content = null) =>
        new([], _session.NewHeader(msgType), new JsonObject(), new JsonObject(), content ?? new JsonObject());

    public JupyterMessage Send(DealerSocket socket, string msgType, JsonObject? content = null)
    {
        var request = Request(msgType, content);
        socket.SendMultipartBytes(Codec.Encode(request));
        return request;
    }

    /// <summary>Receives until a message whose parent is <paramref name="request"/> arrives; others are skipped.</summary>
    public JupyterMessage? ReceiveReply(NetMQSocket socket, JupyterMessage request, TimeSpan? timeout = null) => ReceiveChild(socket, request, timeout);

    /// <summary>Any message whose parent is <paramref name="request"/> (replies, or an input_request on stdin).</summary>
    public JupyterMessage? ReceiveChild(NetMQSocket socket, JupyterMessage request, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        var frames = new List<byte[]>();
        while (DateTime.UtcNow < deadline)
        {
            if (!socket.TryReceiveMultipartBytes(deadline - DateTime.UtcNow, ref frames)) return null;
            if (Codec.TryDecode(frames, out var message, out _) && RecordingSender.ParentId(message!) == request.MsgId) return message;
        }
        return null;
    }

    /// <summary>iopub messages caused by <paramref name="request"/>, up to and including its idle status.</summary>
    public List<JupyterMessage> IopubUntilIdle(JupyterMessage request)
    {
        var messages = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + Timeout;
        var frames = new List<byte[]>();
        while (DateTime.UtcNow < deadline && Iopub.TryReceiveMultipartBytes(deadline - DateTime.UtcNow, ref frames))
        {
            if (!Codec.TryDecode(frames, out var message, out _) || RecordingSender.ParentId(message!) != request.MsgId) continue;
            messages.Add(message!);
            if (message!.MsgType == "status" && message.Content["execution_state"]?.GetValue<string>() == "idle") break;
        }
        return messages;
    }

    /// <summary>ZeroMQ drops what a subscriber misses while it joins: ask for kernel_info until iopub is heard.</summary>
    public void WaitForIopub()
    {
        var frames = new List<byte[]>();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var request = Send(Shell, "kernel_info_request");
            ReceiveReply(Shell, request);
            if (Iopub.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(100), ref frames))
            {
                while (Iopub.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(50), ref frames)) { }
                return;
            }
        }
        throw new TimeoutException("iopub never delivered a message");
    }

    public void Dispose()
    {
        foreach (var socket in new NetMQSocket[] { Shell, Control, Stdin, Iopub, Heartbeat }) socket.Dispose();
        Codec.Signer.Dispose();
    }
}
