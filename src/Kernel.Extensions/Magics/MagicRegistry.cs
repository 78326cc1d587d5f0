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
        registry.Register(new GpuMagic());
        registry.Register(new DeviceMagic());
        registry.Register(new SeedMagic());
        registry.Register(new TimeMagic());
        registry.Register(new ThreadsMagic());
        registry.Register(new LsMagic(registry));
        return registry;
    }
}
