using System.Reflection;
using LearnLM.Kernel.Extensions.Formatting;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Magics;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions;

/// <summary>
/// The adapter for .NET Interactive (Polyglot Notebooks), called by the package's <c>extension.dib</c> when a
/// notebook <c>#r</c>s LearnLM.Kernel.Extensions (chapter 1, "Setup"). .NET Interactive is found by reflection at
/// run time, so this assembly does not reference it; only its documented formatter entry point is used:
/// <c>Microsoft.DotNet.Interactive.Formatting.Formatter.Register(Type, Action&lt;object, TextWriter&gt;, string)</c>.
/// </summary>
public static class Polyglot
{
    public const string FormatterTypeName = "Microsoft.DotNet.Interactive.Formatting.Formatter";

    /// <summary>The types whose display LearnLM takes over. Open generic types cover every Deedle frame and series.</summary>
    public static IReadOnlyList<Type> FormattedTypes { get; } =
    [
        typeof(Tensor), typeof(nn.Module), typeof(Microsoft.Data.Analysis.DataFrame),
        typeof(Deedle.Frame<,>), typeof(Deedle.Series<,>), typeof(TableView), typeof(LearnLM.Training.History), typeof(LearnLM.Models.ModelSummary),
        typeof(Plotly.NET.GenericChart), typeof(PolyglotDisplayHost.Frame),
    ];

    /// <summary>
    /// Registers LearnLM's formatters with .NET Interactive (HTML and plain text, HTML preferred), and makes
    /// <see cref="PolyglotDisplayHost"/> the default host, so training monitors update in place. Returns the number
    /// of (type, MIME type) pairs registered; throws when .NET Interactive is not loaded, naming what to do.
    /// </summary>
    public static int Register()
    {
        Formatters.RegisterDefaults();
        var formatter = FindType(FormatterTypeName) ?? throw new InvalidOperationException(
            $"{FormatterTypeName} is not loaded: Polyglot.Register is for .NET Interactive (Polyglot Notebooks). " +
            "In LearnLM's own kernel, runner and REPL the formatters are registered already.");
        var register = formatter.GetMethod("Register", BindingFlags.Public | BindingFlags.Static, [typeof(Type), typeof(Action<object, TextWriter>), typeof(string)])
            ?? throw new InvalidOperationException($"{FormatterTypeName}.Register(Type, Action<object, TextWriter>, string) was not found; this .NET Interactive is not supported.");
        int count = 0;
        foreach (var type in FormattedTypes)
            foreach (var mime in new[] { MimeBundle.PlainText, MimeBundle.Html })
            {
                Action<object, TextWriter> write = (value, writer) =>
                {
                    var bundle = value is PolyglotDisplayHost.Frame frame ? frame.Bundle : Formatting.Formatter.Format(value);
                    writer.Write(bundle[mime] ?? Html(bundle[MimeBundle.PlainText], mime));
                };
                register.Invoke(null, [type, write, mime]);
                count++;
            }
        DisplayContext.Default ??= PolyglotDisplayHost.TryCreate();
        var prefer = formatter.GetMethod("SetPreferredMimeTypesFor", BindingFlags.Public | BindingFlags.Static, [typeof(Type), typeof(string[])]);
        if (prefer is not null)
            foreach (var type in FormattedTypes) prefer.Invoke(null, [type, new[] { MimeBundle.Html }]);
        return count;
    }

    /// <summary>
    /// Runs LearnLM magic lines from C#, for .NET Interactive users whose kernel parses <c>#!</c> lines itself:
    /// <c>Polyglot.Magic("#!gpu use 0")</c>. Output goes to the console, which .NET Interactive shows.
    /// Wrapping magics (<c>#!time</c>) need the code: use <see cref="MagicAsync"/>.
    /// </summary>
    public static void Magic(string magicLines) => MagicAsync(magicLines, () => Task.CompletedTask).GetAwaiter().GetResult();

    /// <summary>Runs magic lines and then <paramref name="code"/> inside them (so <c>#!time</c> times it).</summary>
    public static Task MagicAsync(string magicLines, Func<Task> code)
    {
        var (lines, rest) = CellMagics.Split(magicLines);
        if (lines.Count == 0 || !string.IsNullOrWhiteSpace(rest))
            throw new MagicUsageException($"Expected only #! magic lines, e.g. \"#!gpu\"; got '{magicLines.Trim()}'.");
        return CellMagics.RunAsync(string.Join('\n', lines) + "\n// the caller's code", Registry.Value, ConsoleDisplayHost.Resolve(), _ => code());
    }

    static readonly Lazy<MagicRegistry> Registry = new(MagicRegistry.CreateDefault);

    static string Html(string? text, string mime) =>
        mime == MimeBundle.Html ? "<pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre>" : text ?? "";

    internal static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);
}
