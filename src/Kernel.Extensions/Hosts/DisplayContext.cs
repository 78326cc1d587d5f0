namespace LearnLM.Kernel.Extensions.Hosts;

/// <summary>
/// The host of the cell that is running now. The engine sets it around each cell; code inside the cell
/// (visualisers, <c>Display.Show</c>, a trainer's progress) finds its host here without being handed one.
/// It flows with async calls, so output from a cell's tasks lands in that cell.
/// </summary>
public static class DisplayContext
{
    static readonly AsyncLocal<IDisplayHost?> _current = new();

    /// <summary>The running cell's host, or null outside any cell (plain scripts, tests).</summary>
    public static IDisplayHost? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }

    /// <summary>
    /// The host for code running outside any cell's context, for hosts that do not set <see cref="Current"/> per cell
    /// (the .NET Interactive adapter sets it once). Null by default: such code then prints text to the console.
    /// </summary>
    public static IDisplayHost? Default { get; set; }

    /// <summary>The running cell's host, else <see cref="Default"/>; null when neither is set.</summary>
    public static IDisplayHost? CurrentOrDefault => _current.Value ?? Default;

    /// <summary>Makes <paramref name="host"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(IDisplayHost host)
    {
        var previous = _current.Value;
        _current.Value = host;
        return new Restore(previous);
    }

    sealed class Restore(IDisplayHost? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}
