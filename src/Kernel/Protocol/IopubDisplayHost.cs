using System.Text;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The Jupyter host for one execute request: what the cell writes and displays goes out on iopub as
/// <c>stream</c>, <c>display_data</c> and <c>update_display_data</c> with the request as parent. Cell code may
/// write from several threads; a lock keeps each message whole and the messages in the order they were made.
/// Stream text is coalesced for a few milliseconds (as ipykernel's OutStream does), so a loop that prints
/// 100,000 lines sends a few hundred messages, not 100,000; anything else flushes it first, keeping the order.
/// A silent request publishes nothing (messaging spec: "execute as quietly as possible"). Chapter 1 (setup).
/// </summary>
public sealed class IopubDisplayHost : IDisplayHost, IDisposable
{
    static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(20);
    const int MaxPendingChars = 64 * 1024;

    readonly IopubPublisher _iopub;
    readonly JupyterMessage? _request;
    readonly bool _silent;
    readonly Lock _order = new();
    readonly StringBuilder _pending = new();
    OutputStream _pendingStream;
    Timer? _flushTimer;
    bool _completed;

    public IopubDisplayHost(IopubPublisher iopub, JupyterMessage? request, bool silent = false)
    {
        (_iopub, _request, _silent) = (iopub, request, silent);
    }

    public bool SupportsUpdates => true;

    public void WriteStream(OutputStream stream, string text)
    {
        if (_silent || string.IsNullOrEmpty(text)) return;
        lock (_order)
        {
            if (_pending.Length > 0 && stream != _pendingStream) FlushLocked();
            _pendingStream = stream;
            _pending.Append(text);
            // After the cell, output from its stray tasks goes out at once; there is no one left to flush it.
            if (_completed || _pending.Length >= MaxPendingChars) FlushLocked();
            else (_flushTimer ??= new Timer(_ => Flush())).Change(CoalesceWindow, Timeout.InfiniteTimeSpan);
        }
    }

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        if (_silent) return;
        Publish("display_data", Content(bundle, displayId));
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayId);
        if (_silent) return;
        Publish("update_display_data", Content(bundle, displayId));
    }

    /// <summary>Sends buffered stream text now.</summary>
    public void Flush()
    {
        lock (_order) FlushLocked();
    }

    /// <summary>The cell has finished: flush, and send any later output unbuffered.</summary>
    public void Dispose()
    {
        lock (_order)
        {
            FlushLocked();
            _completed = true;
            _flushTimer?.Dispose();
            _flushTimer = null;
        }
    }

    void FlushLocked()
    {
        if (_pending.Length == 0) return;
        string text = _pending.ToString();
        _pending.Clear();
        _iopub.Publish(_request, "stream", new JsonObject { ["name"] = _pendingStream == OutputStream.Stderr ? "stderr" : "stdout", ["text"] = text });
    }

    static JsonObject Content(MimeBundle bundle, string? displayId) => new()
    {
        ["data"] = MimeBundleJson.Data(bundle),
        ["metadata"] = MimeBundleJson.Metadata(bundle),
        // transient is not kept in notebooks: the display id only lives as long as the kernel does.
        ["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId },
    };

    void Publish(string msgType, JsonObject content)
    {
        lock (_order)
        {
            FlushLocked();
            _iopub.Publish(_request, msgType, content);
        }
    }
}
