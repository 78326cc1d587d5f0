using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Tests;

/// <summary>A host that records everything it is asked to show, in order.</summary>
sealed class RecordingHost(bool supportsUpdates = true) : IDisplayHost
{
    public sealed record Output(string Kind, MimeBundle? Bundle, string? DisplayId, string? Text);

    readonly List<Output> _outputs = new();

    public IReadOnlyList<Output> Outputs { get { lock (_outputs) return _outputs.ToList(); } }

    public string Stdout => string.Concat(Outputs.Where(o => o.Kind == "stdout").Select(o => o.Text));
    public string Stderr => string.Concat(Outputs.Where(o => o.Kind == "stderr").Select(o => o.Text));

    public bool SupportsUpdates => supportsUpdates;

    public void WriteStream(OutputStream stream, string text) => Add(new(stream == OutputStream.Stdout ? "stdout" : "stderr", null, null, text));
    public void Display(MimeBundle bundle, string? displayId = null) => Add(new("display", bundle, displayId, null));
    public void UpdateDisplay(MimeBundle bundle, string displayId) => Add(new("update", bundle, displayId, null));

    void Add(Output output) { lock (_outputs) _outputs.Add(output); }
}
