using System.Globalization;
using System.Text;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// Collects what one cell prints, keeping the first <c>limit</c> characters and counting the rest, so a cell that
/// prints gigabytes costs the grader a few kilobytes. It is both the engine's display host and the writer behind
/// Console.Out / Console.Error while the cell runs.
/// </summary>
sealed class CappedOutput(int limit) : IDisplayHost
{
    readonly StringBuilder kept = new();
    long dropped;

    public TextWriter Writer => TextWriter.Synchronized(new ForwardingWriter(this));

    public void Append(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (kept)
        {
            int room = Math.Max(0, limit - kept.Length);
            kept.Append(text.AsSpan(0, Math.Min(room, text.Length)));
            dropped += Math.Max(0, text.Length - room);
        }
    }

    public string Text
    {
        get
        {
            lock (kept)
                return dropped == 0 ? kept.ToString() : $"{kept}\n… [output truncated: {dropped.ToString("N0", CultureInfo.InvariantCulture)} more characters]\n";
        }
    }

    public void WriteStream(OutputStream stream, string text) => Append(text);

    public void Display(MimeBundle bundle, string? displayId = null) => Append(bundle[MimeBundle.PlainText] is { } text ? text + "\n" : $"[{string.Join(", ", bundle.Data.Keys)}]\n");

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Display(bundle, displayId);

    public bool SupportsUpdates => false;

    sealed class ForwardingWriter(CappedOutput output) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => output.Append(value.ToString());
        public override void Write(string? value) => output.Append(value);
        public override void Write(char[] buffer, int index, int count) => output.Append(new string(buffer, index, count));
    }
}
