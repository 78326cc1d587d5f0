using System.Text.Json.Nodes;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The Jupyter host for one execute request: what the cell writes and displays goes out on iopub as
/// <c>stream</c>, <c>display_data</c> and <c>update_display_data</c> with the request as parent. Cell code may
/// write from several threads; a lock keeps each message whole and the messages in the order they were made.
/// A silent request publishes nothing (messaging spec: "execute as quietly as possible"). Chapter 1 (setup).
/// </summary>
public sealed class IopubDisplayHost(IopubPublisher iopub, JupyterMessage? request, bool silent = false) : IDisplayHost
{
    readonly Lock _order = new();

    public bool SupportsUpdates => true;

    public void WriteStream(OutputStream stream, string text)
    {
        if (silent || string.IsNullOrEmpty(text)) return;
        Publish("stream", new JsonObject { ["name"] = stream == OutputStream.Stderr ? "stderr" : "stdout", ["text"] = text });
    }

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        if (silent) return;
        Publish("display_data", Content(bundle, displayId));
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayId);
        if (silent) return;
        Publish("update_display_data", Content(bundle, displayId));
    }

    static JsonObject Content(MimeBundle bundle, string? displayId)
    {
        var content = new JsonObject { ["data"] = MimeBundleJson.Data(bundle), ["metadata"] = MimeBundleJson.Metadata(bundle) };
        // transient is not kept in notebooks: the display id only lives as long as the kernel does.
        content["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId };
        return content;
    }

    void Publish(string msgType, JsonObject content)
    {
        lock (_order) iopub.Publish(request, msgType, content);
    }
}
