using LearnLM.Kernel.Extensions.Formatting;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions;

/// <summary>Shows values from inside a cell, in whatever host runs it (chapter 1). Outside a host it prints text.</summary>
public static class Display
{
    /// <summary>Formats <paramref name="value"/> and shows it; returns a handle whose <c>Update</c> replaces it in place.</summary>
    public static DisplayHandle Show(object? value)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"));
        var bundle = Formatter.Format(value);
        if (DisplayContext.CurrentOrDefault is { } host) host.Display(bundle, handle.Id);
        else Console.WriteLine(bundle[MimeBundle.PlainText]);
        return handle;
    }
}

/// <summary>An output shown by <see cref="Display.Show"/>, which can be replaced in place.</summary>
public sealed record DisplayHandle(string Id)
{
    public void Update(object? value)
    {
        var bundle = Formatter.Format(value);
        if (DisplayContext.CurrentOrDefault is { } host) host.UpdateDisplay(bundle, Id);
        else Console.WriteLine(bundle[MimeBundle.PlainText]);
    }
}
