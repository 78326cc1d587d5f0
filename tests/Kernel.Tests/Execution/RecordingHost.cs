using System.Collections.Concurrent;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Tests.Execution;

/// <summary>A display host that keeps everything a cell sends, in order.</summary>
sealed class RecordingHost : IDisplayHost
{
    public ConcurrentQueue<(string Kind, string Text)> Events { get; } = new();

    public Action<OutputStream, string>? OnStream { get; set; }

    public bool SupportsUpdates => true;

    public string Stdout => string.Concat(Events.Where(e => e.Kind == "stdout").Select(e => e.Text));

    public string Stderr => string.Concat(Events.Where(e => e.Kind == "stderr").Select(e => e.Text));

    public void WriteStream(OutputStream stream, string text)
    {
        Events.Enqueue((stream == OutputStream.Stdout ? "stdout" : "stderr", text));
        OnStream?.Invoke(stream, text);
    }

    public void Display(MimeBundle bundle, string? displayId = null) => Events.Enqueue(("display", bundle[MimeBundle.PlainText] ?? ""));

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Events.Enqueue(("update", bundle[MimeBundle.PlainText] ?? ""));
}
