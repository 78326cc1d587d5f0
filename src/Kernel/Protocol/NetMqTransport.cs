using NetMQ;
using NetMQ.Sockets;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The five Jupyter sockets over ZeroMQ (NetMQ): shell, control and stdin as ROUTER, iopub as PUB, heartbeat as
/// an echoing REP on a thread of its own. One poller thread owns the message sockets (NetMQ sockets are not
/// thread-safe): it decodes what arrives and hands it to the kernel, and sends what any thread queued through
/// <see cref="Send"/>, in queue order. Messages that fail to decode or verify are logged and dropped, with no
/// reply. Chapter 1 (setup).
/// </summary>
public sealed class NetMqTransport : IMessageSender, IDisposable
{
    // Fairness: after this many messages from one socket, let the poller serve the others.
    const int BatchPerWakeup = 64;

    readonly WireCodec _codec;
    readonly TextWriter _log;
    readonly RouterSocket _shell = new(), _control = new(), _stdin = new();
    readonly PublisherSocket _iopub = new();
    readonly ResponseSocket _heartbeat = new();
    readonly NetMQQueue<(KernelChannel Channel, List<byte[]> Frames)> _outgoing = new();
    readonly NetMQPoller _poller, _heartbeatPoller;
    Action<KernelChannel, JupyterMessage>? _onMessage;
    long _dropped;
    List<byte[]> _received = new(8);

    /// <summary>Binds every socket; a port of 0 binds a free one, and <see cref="Connection"/> tells which.</summary>
    public NetMqTransport(ConnectionInfo connection, TextWriter? log = null)
    {
        _log = log ?? Console.Error;
        _codec = new WireCodec(new MessageSigner(connection.Key));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat })
            socket.Options.Linger = TimeSpan.FromMilliseconds(500); // long enough to deliver a shutdown_reply, short enough to exit promptly
        _iopub.Options.SendHighWatermark = 100_000; // a chatty cell should not lose output to a slow frontend
        Connection = connection with
        {
            ShellPort = Bind(_shell, connection, connection.ShellPort),
            ControlPort = Bind(_control, connection, connection.ControlPort),
            StdinPort = Bind(_stdin, connection, connection.StdinPort),
            IopubPort = Bind(_iopub, connection, connection.IopubPort),
            HeartbeatPort = Bind(_heartbeat, connection, connection.HeartbeatPort),
        };

        _shell.ReceiveReady += (_, e) => ReceiveAll(KernelChannel.Shell, e.Socket);
        _control.ReceiveReady += (_, e) => ReceiveAll(KernelChannel.Control, e.Socket);
        _stdin.ReceiveReady += (_, e) => ReceiveAll(KernelChannel.Stdin, e.Socket);
        _outgoing.ReceiveReady += (_, _) => SendQueued();
        _heartbeat.ReceiveReady += (_, e) => Echo(e.Socket);
        _poller = new NetMQPoller { _shell, _control, _stdin, _outgoing };
        _heartbeatPoller = new NetMQPoller { _heartbeat };
    }

    /// <summary>The connection as bound (free ports filled in).</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Messages dropped because they did not decode or verify.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Start(Action<KernelChannel, JupyterMessage> onMessage)
    {
        _onMessage = onMessage;
        _poller.RunAsync("learnlm sockets");
        _heartbeatPoller.RunAsync("learnlm heartbeat");
    }

    public void Send(KernelChannel channel, JupyterMessage message) => _outgoing.Enqueue((channel, _codec.Encode(message)));

    static int Bind(NetMQSocket socket, ConnectionInfo connection, int port)
    {
        if (port == 0) return socket.BindRandomPort($"{connection.Transport}://{connection.Ip}");
        socket.Bind(connection.Address(port));
        return port;
    }

    void ReceiveAll(KernelChannel channel, NetMQSocket socket)
    {
        // Reused: the message keeps the frame arrays, not the list, and the receive clears the list.
        var frames = _received;
        for (int i = 0; i < BatchPerWakeup && socket.TryReceiveMultipartBytes(ref frames); i++)
        {
            try
            {
                if (_codec.TryDecode(frames, out var message, out string error)) _onMessage?.Invoke(channel, message!);
                else Drop(channel, error);
            }
            catch (Exception e) { Drop(channel, $"{e.GetType().Name}: {e.Message}"); }
        }
    }

    void Drop(KernelChannel channel, string why)
    {
        // A flood of bad messages should not flood stderr too: log the first few, then every thousandth.
        long count = Interlocked.Increment(ref _dropped);
        if (count <= 10 || count % 1000 == 0) _log.WriteLine($"learnlm kernel: dropped a message on {channel.ToString().ToLowerInvariant()} ({why}); {count} dropped so far");
    }

    void SendQueued()
    {
        while (_outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            var socket = item.Channel switch
            {
                KernelChannel.Shell => _shell,
                KernelChannel.Control => _control,
                KernelChannel.Stdin => _stdin,
                _ => (NetMQSocket)_iopub,
            };
            try { socket.SendMultipartBytes(item.Frames); }
            catch (Exception e) { _log.WriteLine($"learnlm kernel: could not send on {item.Channel}: {e.Message}"); }
        }
    }

    static void Echo(NetMQSocket socket)
    {
        var frames = new List<byte[]>(1);
        if (socket.TryReceiveMultipartBytes(ref frames)) socket.SendMultipartBytes(frames);
    }

    public void Dispose()
    {
        // Let the poller send what is queued (a shutdown_reply, the last idle) before it stops.
        if (_poller.IsRunning)
        {
            using var flushed = new ManualResetEventSlim();
            _poller.Run(() => { SendQueued(); flushed.Set(); });
            flushed.Wait(TimeSpan.FromSeconds(2));
            _poller.Stop();
        }
        if (_heartbeatPoller.IsRunning) _heartbeatPoller.Stop();
        _poller.Dispose();
        _heartbeatPoller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Dispose();
        _outgoing.Dispose();
        _codec.Signer.Dispose();
    }
}
