using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Formatting;

/// <summary>
/// Turns any value into a MIME bundle for display: the one entry point hosts call for a cell's result and for
/// <c>Display.Show</c>. Type-specific formatters (tensors, modules, DataFrames, histories, charts) register here.
/// LearnLM's own (<see cref="Formatters.RegisterDefaults"/>) are fallbacks: they load on first use if no host
/// registered them, and anything registered with <see cref="Register{T}"/> takes precedence over them.
/// </summary>
public static class Formatter
{
    static readonly List<(Func<object, bool> Accepts, Func<object, MimeBundle> Format)> _formatters = new();
    static readonly List<(Func<object, bool> Accepts, Func<object, MimeBundle> Format)> _defaults = new();
    static readonly object _lock = new();

    /// <summary>Registers a formatter for <typeparamref name="T"/> and its subtypes; later registrations win.</summary>
    public static void Register<T>(Func<T, MimeBundle> format) =>
        Register(typeof(T).IsInstanceOfType, value => format((T)value));

    /// <summary>
    /// Registers a formatter for values <paramref name="accepts"/> says yes to — for families of types a single
    /// <c>Register&lt;T&gt;</c> cannot name, such as every closed Deedle <c>Frame&lt;R, C&gt;</c>. Later registrations win.
    /// </summary>
    public static void Register(Func<object, bool> accepts, Func<object, MimeBundle> format)
    {
        lock (_lock) _formatters.Insert(0, (accepts, format));
    }

    /// <summary>Registers one of LearnLM's defaults: consulted after every <see cref="Register{T}"/> formatter.</summary>
    internal static void RegisterDefault<T>(Func<T, MimeBundle> format) =>
        RegisterDefault(typeof(T).IsInstanceOfType, value => format((T)value));

    internal static void RegisterDefault(Func<object, bool> accepts, Func<object, MimeBundle> format)
    {
        lock (_lock) _defaults.Insert(0, (accepts, format));
    }

    public static MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.Text("null");
        if (value is MimeBundle bundle) return bundle;
        Formatters.RegisterDefaults();
        Func<object, MimeBundle>? format;
        lock (_lock)
            format = _formatters.FirstOrDefault(f => f.Accepts(value)).Format ?? _defaults.FirstOrDefault(f => f.Accepts(value)).Format;
        return format is null ? MimeBundle.Text(value.ToString() ?? "") : format(value);
    }
}
