namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>The magics a host knows, by name. Hosts start from <see cref="CreateDefault"/>.</summary>
public sealed class MagicRegistry
{
    readonly Dictionary<string, IMagic> _magics = new(StringComparer.Ordinal);

    public IReadOnlyCollection<IMagic> All => _magics.Values;

    public void Register(IMagic magic) => _magics[magic.Name] = magic;

    public bool TryGet(string name, out IMagic magic) => _magics.TryGetValue(name, out magic!);

    /// <summary>Every magic LearnLM ships.</summary>
    public static MagicRegistry CreateDefault()
    {
        var registry = new MagicRegistry();
        // The magics (gpu, device, seed, time, threads, lsmagic, …) register here.
        return registry;
    }
}
