// A stand-in for .NET Interactive's formatter with its documented signatures (docs/formatting.md in
// dotnet/interactive): the Polyglot adapter finds it by full name, as it finds the real one in a notebook.
namespace Microsoft.DotNet.Interactive.Formatting;

public static class Formatter
{
    public static List<(Type Type, Action<object, TextWriter> Write, string MimeType)> Registrations { get; } = new();
    public static List<(Type Type, string[] MimeTypes)> Preferred { get; } = new();

    public static void Register(Type type, Action<object, TextWriter> formatter, string mimeType = "text/html")
    {
        lock (Registrations) Registrations.Add((type, formatter, mimeType));
    }

    public static void SetPreferredMimeTypesFor(Type type, params string[] preferredMimeTypes)
    {
        lock (Preferred) Preferred.Add((type, preferredMimeTypes));
    }
}
