using TorchSharp;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>
/// One seed for everything random in a notebook (chapter 5, "Optimisation": runs you can repeat). Seeds torch's
/// CPU and CUDA generators and replaces <see cref="Random"/>, the <see cref="System.Random"/> notebook code and
/// loaders should draw from. LearnLM's loaders take their own <c>seed:</c> argument; pass <see cref="Last"/>.
/// </summary>
public static class Seeding
{
    static readonly object _lock = new();
    static Random _random = new();

    /// <summary>The seed set last by <see cref="Seed"/> (or <c>#!seed</c>), null before any.</summary>
    public static long? Last { get; private set; }

    /// <summary>A generator seeded by the last <see cref="Seed"/>; unseeded before the first.</summary>
    public static Random Random
    {
        get { lock (_lock) return _random; }
    }

    /// <summary>Also run on every <see cref="Seed"/>: where other libraries hook in their own generators.</summary>
    public static event Action<long>? Seeded;

    public static void Seed(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
        lock (_lock)
        {
            _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
            Last = seed;
        }
        Seeded?.Invoke(seed);
    }
}
