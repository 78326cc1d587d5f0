using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// The REPL's display host: everything as text. Bundles show their <c>text/plain</c> form (or say which richer
/// types they carry), and a display update is printed again, since a terminal cannot replace earlier output.
/// </summary>
sealed class TerminalHost(TextWriter output, TextWriter error) : IDisplayHost
{
    readonly object _lock = new();

    public bool SupportsUpdates => false;

    public void WriteStream(OutputStream stream, string text)
    {
        lock (_lock)
        {
            var writer = stream == OutputStream.Stdout ? output : error;
            writer.Write(text);
            writer.Flush();
        }
    }

    public void Display(MimeBundle bundle, string? displayId = null) => WriteLine(Text(bundle));

    public void UpdateDisplay(MimeBundle bundle, string displayId) => WriteLine(Text(bundle));

    public void WriteLine(string text)
    {
        lock (_lock)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    public static string Text(MimeBundle bundle) =>
        bundle[MimeBundle.PlainText] ?? $"<{string.Join(", ", bundle.Data.Keys)}: open in a notebook to see it>";
}
