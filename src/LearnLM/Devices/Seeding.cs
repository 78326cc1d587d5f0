using static TorchSharp.torch;

namespace LearnLM.Devices;

/// <summary>
/// Reproducible runs (chapter 1; chapter 5 for training): one seed for every random generator LearnLM uses —
/// TorchSharp's CPU generator and, when present, every CUDA device's. Weight initialisation, shuffling and dropout
/// then repeat from run to run. (GPU kernels may still differ in the last bits between runs.)
/// </summary>
public static class Seeding
{
    /// <summary>The seed last set through <see cref="Seed"/>, if any.</summary>
    public static long? Current { get; private set; }

    public static void Seed(long seed)
    {
        manual_seed(seed);
        if (DeviceManager.CudaAvailable) cuda.manual_seed_all(seed);
        Current = seed;
    }
}
