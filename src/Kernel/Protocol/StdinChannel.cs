using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// Reading a line from the frontend: sends input_request on stdin to the client whose execute request is running
/// and waits for its input_reply. Only when that request allowed stdin; an interrupt ends the wait.
/// Chapter 1 (setup).
/// </summary>
public sealed class StdinChannel(IMessageSender sender, KernelSession session)
{
    readonly BlockingCollection<JupyterMessage> _replies = new();
    readonly Lock _gate = new();
    JupyterMessage? _cell;
    bool _allowed;
    CancellationTokenSource _interrupt = new();

    /// <summary>The running cell's output, flushed before a prompt so text printed before ReadLine shows first.</summary>
    internal IopubDisplayHost? Output { get; set; }

    internal void BeginCell(JupyterMessage request, bool allowStdin)
    {
        lock (_gate)
        {
            (_cell, _allowed) = (request, allowStdin);
            if (_interrupt.IsCancellationRequested) { _interrupt.Dispose(); _interrupt = new CancellationTokenSource(); }
        }
    }

    internal void EndCell()
    {
        lock (_gate) (_cell, _allowed) = (null, false);
    }

    internal void Interrupt()
    {
        lock (_gate) _interrupt.Cancel();
    }

    internal void Receive(JupyterMessage message, TextWriter log)
    {
        if (message.MsgType == "input_reply") _replies.Add(message);
        else log.WriteLine($"learnlm kernel: ignored a {message.MsgType} message on stdin");
    }

    /// <summary>Asks the frontend for a line. Throws when no frontend can answer (allow_stdin false) or on interrupt.</summary>
    public string ReadLine(string prompt = "", bool password = false)
    {
        JupyterMessage cell;
        CancellationToken interrupted;
        lock (_gate)
        {
            if (_cell is null || !_allowed)
                throw new InvalidOperationException("This frontend does not accept input (the execute request had allow_stdin false), so Console.ReadLine() has nothing to read. Give the value in the cell instead.");
            (cell, interrupted) = (_cell, _interrupt.Token);
        }
        while (_replies.TryTake(out _)) { } // a late reply to an earlier, interrupted prompt
        Output?.Flush();
        sender.Send(KernelChannel.Stdin, session.Reply(cell, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }));
        try
        {
            var reply = _replies.Take(interrupted);
            return reply.Content.String("value") ?? "";
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException("Interrupted while waiting for input.");
        }
    }
}
