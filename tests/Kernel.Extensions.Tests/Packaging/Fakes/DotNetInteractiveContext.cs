// Stand-ins for .NET Interactive's display API (KernelInvocationContext.Current, the Display extension,
// DisplayedValue.Update), which the Polyglot display host finds by name. They format through the fake Formatter's
// registrations, as .NET Interactive formats through its own.
namespace Microsoft.DotNet.Interactive;

public sealed class KernelInvocationContext
{
    public static KernelInvocationContext? Current { get; set; }

    public List<(DisplayedValue Display, string Html)> Published { get; } = new();
}

public sealed class DisplayedValue(KernelInvocationContext context)
{
    public void Update(object updatedValue)
    {
        lock (context.Published) context.Published.Add((this, KernelInvocationContextExtensions.FormatHtml(updatedValue)));
    }
}

public static class KernelInvocationContextExtensions
{
    public static DisplayedValue Display(this KernelInvocationContext context, object value, params string[] mimeTypes)
    {
        var displayed = new DisplayedValue(context);
        lock (context.Published) context.Published.Add((displayed, FormatHtml(value)));
        return displayed;
    }

    internal static string FormatHtml(object value)
    {
        List<(Type Type, Action<object, TextWriter> Write, string MimeType)> registrations;
        lock (Formatting.Formatter.Registrations) registrations = Formatting.Formatter.Registrations.ToList();
        var (_, write, _) = registrations.Last(r => r.MimeType == "text/html" && r.Type.IsInstanceOfType(value));
        var html = new StringWriter();
        write(value, html);
        return html.ToString();
    }
}
