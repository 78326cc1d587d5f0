using System.Reflection;

namespace LearnLM.Kernel.Extensions.Hosts;

/// <summary>
/// <see cref="IDisplayHost"/> over .NET Interactive, found by reflection (this assembly does not reference it), so
/// live training curves update in place in Polyglot Notebooks too (chapter 5). Bundles are shown as a
/// <see cref="Frame"/>, whose .NET Interactive formatter (registered by <see cref="Polyglot.Register"/>) writes the
/// bundle's HTML; <c>DisplayedValue.Update</c> then redraws the same output.
/// </summary>
public sealed class PolyglotDisplayHost : IDisplayHost
{
    /// <summary>A bundle on its way through .NET Interactive's formatter.</summary>
    public sealed record Frame(MimeBundle Bundle);

    readonly Dictionary<string, object> _displayed = new();
    readonly MethodInfo _display;
    readonly PropertyInfo _current;

    PolyglotDisplayHost(PropertyInfo current, MethodInfo display) => (_current, _display) = (current, display);

    /// <summary>The host, or null when .NET Interactive's <c>KernelInvocationContext</c> or its <c>Display</c> extension is not loaded.</summary>
    public static PolyglotDisplayHost? TryCreate()
    {
        var context = Polyglot.FindType("Microsoft.DotNet.Interactive.KernelInvocationContext");
        var extensions = Polyglot.FindType("Microsoft.DotNet.Interactive.KernelInvocationContextExtensions");
        var current = context?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
        var display = context is null ? null
            : extensions?.GetMethod("Display", BindingFlags.Public | BindingFlags.Static, [context, typeof(object), typeof(string[])]);
        return current is null || display is null ? null : new PolyglotDisplayHost(current, display);
    }

    public bool SupportsUpdates => true;

    public void WriteStream(OutputStream stream, string text) =>
        (stream == OutputStream.Stdout ? Console.Out : Console.Error).Write(text);

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        var context = _current.GetValue(null);
        if (context is null) { Console.Out.WriteLine(bundle[MimeBundle.PlainText]); return; }
        var displayed = _display.Invoke(null, [context, new Frame(bundle), new[] { MimeBundle.Html }]);
        if (displayId is not null && displayed is not null)
            lock (_displayed) _displayed[displayId] = displayed;
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        object? displayed;
        lock (_displayed) _displayed.TryGetValue(displayId, out displayed);
        var update = displayed?.GetType().GetMethod("Update", [typeof(object)]);
        if (update is null) Display(bundle, displayId);
        else update.Invoke(displayed, [new Frame(bundle)]);
    }
}
