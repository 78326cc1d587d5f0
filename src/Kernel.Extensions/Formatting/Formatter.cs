using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Formatting;

/// <summary>
/// Turns any value into a MIME bundle for display: the one entry point hosts call for a cell's result and for
/// <c>Display.Show</c>. Type-specific formatters (tensors, modules, DataFrames, histories, charts) register here.
/// </summary>
public static class Formatter
{
    static readonly List<(Type Type, Func<object, MimeBundle> Format)> _formatters = new();
    static readonly object _lock = new();

    /// <summary>Registers a formatter for <typeparamref name="T"/> and its subtypes; later registrations win.</summary>
    public static void Register<T>(Func<T, MimeBundle> format)
    {
        lock (_lock) _formatters.Insert(0, (typeof(T), value => format((T)value)));
    }

    public static MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.Text("null");
        if (value is MimeBundle bundle) return bundle;
        Func<object, MimeBundle>? format;
        lock (_lock) format = _formatters.FirstOrDefault(f => f.Type.IsInstanceOfType(value)).Format;
        return format is null ? MimeBundle.Text(value.ToString() ?? "") : format(value);
    }
}
