using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The protocol core, with no sockets in it: takes decoded messages from a transport, answers through an
/// <see cref="IMessageSender"/>. Shell requests run one at a time, in order, on a thread of their own, so control
/// requests (interrupt, shutdown) are answered at once even while a cell runs. Every request is bracketed by
/// busy/idle on iopub; a handler that throws becomes an error reply; the kernel itself never stops for a bad
/// request. Chapter 1 (setup).
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    readonly IExecutionEngine _engine;
    readonly IMessageSender _sender;
    readonly KernelSession _session;
    readonly IopubPublisher _iopub;
    readonly TextWriter _log;
    readonly ExecuteHandler _execute;
    readonly CodeIntelligence _codeIntelligence;
    readonly BlockingCollection<(long Sequence, JupyterMessage Request)> _shellQueue = new();
    readonly CancellationTokenSource _stopping = new();
    readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Thread _shellThread;
    long _received;
    long _abortThrough;
    volatile object? _restartRequested;

    public JupyterKernel(IExecutionEngine engine, IMessageSender sender, KernelSession? session = null, TextWriter? log = null)
    {
        _engine = engine;
        _sender = sender;
        _session = session ?? new KernelSession();
        _log = log is null ? TextWriter.Synchronized(Console.Error) : TextWriter.Synchronized(log);
        _iopub = new IopubPublisher(sender, _session);
        Stdin = new StdinChannel(sender, _session);
        _execute = new ExecuteHandler(engine, _iopub, History, Stdin);
        _codeIntelligence = new CodeIntelligence(engine);
        _shellThread = new Thread(RunShell) { IsBackground = true, Name = "learnlm shell" };
    }

    public KernelSession Session => _session;
    public ExecutionHistory History { get; } = new();
    public StdinChannel Stdin { get; }
    public int ExecutionCount => _execute.ExecutionCount;

    /// <summary>Completes when a frontend asked the kernel to shut down; true when it means to restart us.</summary>
    public Task<bool> ShutdownRequested => _shutdown.Task;

    public void Start()
    {
        _iopub.Status(null, "starting");
        _shellThread.Start();
    }

    /// <summary>Called by the transport, on its thread, for each message that decoded and verified.</summary>
    public void Receive(KernelChannel channel, JupyterMessage message)
    {
        try
        {
            switch (channel)
            {
                case KernelChannel.Shell:
                    if (!_shellQueue.IsAddingCompleted) _shellQueue.Add((Interlocked.Increment(ref _received), message));
                    break;
                case KernelChannel.Control:
                    Process(KernelChannel.Control, message);
                    break;
                case KernelChannel.Stdin:
                    Stdin.Receive(message, _log);
                    break;
                default:
                    _log.WriteLine($"learnlm kernel: ignored a {message.MsgType} message on {channel}");
                    break;
            }
        }
        catch (InvalidOperationException) when (_shellQueue.IsAddingCompleted) { /* shutting down */ }
    }

    /// <summary>Ends the session without a frontend asking (its process died): the host stops as after shutdown_request.</summary>
    public void RequestShutdown()
    {
        Interrupt();
        _shutdown.TrySetResult(false);
    }

    /// <summary>Stops the running cell (interrupt_request, or SIGINT in signal mode) and any wait for input.</summary>
    public void Interrupt()
    {
        Stdin.Interrupt();
        try { _engine.Interrupt(); }
        catch (Exception e) { _log.WriteLine($"learnlm kernel: the engine failed to interrupt: {e.Message}"); }
    }

    void RunShell()
    {
        try
        {
            foreach (var (sequence, request) in _shellQueue.GetConsumingEnumerable(_stopping.Token))
            {
                if (request.MsgType == "execute_request" && sequence <= Interlocked.Read(ref _abortThrough))
                    Abort(request);
                else
                    Process(KernelChannel.Shell, request);
            }
        }
        catch (OperationCanceledException) { /* disposed */ }
    }

    void Process(KernelChannel channel, JupyterMessage request)
    {
        string msgType = request.MsgType;
        _iopub.Status(request, "busy");
        try
        {
            var reply = Handle(channel, request);
            if (reply is not null) _sender.Send(channel, _session.Reply(request, ReplyType(msgType), reply));
        }
        catch (Exception e)
        {
            _log.WriteLine($"learnlm kernel: {msgType} failed: {e.GetType().Name}: {e.Message}");
            _sender.Send(channel, _session.Reply(request, ReplyType(msgType), new JsonObject
            {
                ["status"] = "error",
                ["ename"] = e.GetType().Name,
                ["evalue"] = e.Message,
                ["traceback"] = new JsonArray(),
            }));
        }
        finally
        {
            _iopub.Status(request, "idle");
            // Only after the reply is on its way: whoever waits for this stops the transport.
            if (_restartRequested is bool restart) _shutdown.TrySetResult(restart);
        }
    }

    /// <summary>The reply content, or null for requests that have none (comm messages, unknown types).</summary>
    JsonObject? Handle(KernelChannel channel, JupyterMessage request)
    {
        var token = _stopping.Token;
        switch (request.MsgType)
        {
            case "kernel_info_request": return KernelInfo.Content();
            case "comm_info_request": return CommHandler.Info();
            case "history_request": return HistoryHandler.Handle(request, History);
            case "is_complete_request": return _codeIntelligence.IsComplete(request);
            case "interrupt_request":
                Interrupt();
                return new JsonObject { ["status"] = "ok" };
            case "shutdown_request":
                return Shutdown(request);
        }
        if (channel == KernelChannel.Shell)
        {
            switch (request.MsgType)
            {
                case "execute_request":
                    Stdin.BeginCell(request, request.Content.Bool("allow_stdin", false));
                    try
                    {
                        var reply = _execute.Handle(request, token, out bool stopQueue);
                        // Abort what was already queued when the cell failed (the user meant those cells to follow this one).
                        if (stopQueue) Interlocked.Exchange(ref _abortThrough, Interlocked.Read(ref _received));
                        return reply;
                    }
                    finally { Stdin.EndCell(); }
                case "complete_request": return _codeIntelligence.Complete(request, token);
                case "inspect_request": return _codeIntelligence.Inspect(request, token);
                case "comm_open":
                    CommHandler.Open(request, _iopub, _log);
                    return null;
                case "comm_msg" or "comm_close":
                    return null;
            }
        }
        _log.WriteLine($"learnlm kernel: unknown message type '{request.MsgType}' on {channel}; ignored");
        return null;
    }

    JsonObject Shutdown(JupyterMessage request)
    {
        bool restart = request.Content.Bool("restart", false);
        var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
        // ipykernel also broadcasts the reply, so every client learns the kernel is going away.
        _iopub.Publish(request, "shutdown_reply", (JsonObject)content.DeepClone());
        Interrupt();
        _restartRequested = restart;
        return content;
    }

    void Abort(JupyterMessage request)
    {
        _iopub.Status(request, "busy");
        _sender.Send(KernelChannel.Shell, _session.Reply(request, "execute_reply", new JsonObject
        {
            ["status"] = "aborted",
            ["execution_count"] = _execute.ExecutionCount,
        }));
        _iopub.Status(request, "idle");
    }

    static string ReplyType(string msgType) =>
        msgType.EndsWith("_request", StringComparison.Ordinal) ? string.Concat(msgType.AsSpan(0, msgType.Length - "_request".Length), "_reply") : msgType + "_reply";

    public void Dispose()
    {
        _shellQueue.CompleteAdding();
        _stopping.Cancel();
        Stdin.Interrupt();
        if (_shellThread.IsAlive && !_shellThread.Join(TimeSpan.FromSeconds(2)))
            _log.WriteLine("learnlm kernel: the shell thread is still running a cell; leaving it behind");
        _stopping.Dispose();
    }
}
