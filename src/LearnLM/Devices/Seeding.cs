using static TorchSharp.torch;

namespace LearnLM.Devices;

/// <summary>
/// Reproducible runs (chapter 1; chapter 5 for training): one seed for every random generator LearnLM uses —
/// TorchSharp's CPU generator and, when present, every CUDA device's — and a <see cref="System.Random"/> for
/// notebook code. Weight initialisation, shuffling and dropout then repeat from run to run.
/// (GPU kernels may still differ in the last bits between runs.) <c>#!seed N</c> calls <see cref="Seed"/>.
/// </summary>
public static class Seeding
{
    static readonly object _lock = new();
    static Random _random = new();

    /// <summary>The seed last set through <see cref="Seed"/>, if any.</summary>
    public static long? Current { get; private set; }

    /// <summary>A generator seeded by the last <see cref="Seed"/>; unseeded before the first.</summary>
    public static Random Random
    {
        get { lock (_lock) return _random; }
    }

    /// <summary>Raised after every <see cref="Seed"/>: where other libraries hook in their own generators.</summary>
    public static event Action<long>? Seeded;

    public static void Seed(long seed)
    {
        manual_seed(seed);
        if (DeviceManager.CudaAvailable) cuda.manual_seed_all(seed);
        lock (_lock)
        {
            _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
            Current = seed;
        }
        Seeded?.Invoke(seed);
    }
}
