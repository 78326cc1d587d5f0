namespace LearnLM.Kernel.Extensions.Hosts;

/// <summary>
/// The host of last resort: plain text to the console, no updates in place. Used when code that displays things
/// runs outside any notebook host (a plain <c>dotnet run</c>, a test) — see <see cref="Resolve"/>.
/// </summary>
public sealed class ConsoleDisplayHost : IDisplayHost
{
    public static ConsoleDisplayHost Instance { get; } = new();

    /// <summary>The given host, else the running cell's, else <see cref="DisplayContext.Default"/>, else the console.</summary>
    public static IDisplayHost Resolve(IDisplayHost? host = null) => host ?? DisplayContext.CurrentOrDefault ?? Instance;

    public bool SupportsUpdates => false;

    public void WriteStream(OutputStream stream, string text) =>
        (stream == OutputStream.Stdout ? Console.Out : Console.Error).Write(text);

    public void Display(MimeBundle bundle, string? displayId = null) => Console.Out.WriteLine(bundle[MimeBundle.PlainText]);

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Console.Out.WriteLine(bundle[MimeBundle.PlainText]);
}
