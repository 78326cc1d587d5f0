using System.Runtime.InteropServices;

namespace LearnLM.Bench;

/// <summary>
/// Keeps freed tensor memory in the process for the next step to reuse, instead of handing it back to the system.
/// On Linux, glibc's malloc serves each block at or above its mmap threshold with a fresh mapping and unmaps it when
/// freed. The threshold starts at 128 KiB and rises only to the size of the largest such block freed so far, and a
/// block of exactly that size is still mapped afresh. A training step allocates the same large activations every
/// time (the CIFAR CNN's 64×32×30×30 convolution output is 7.4 MB), so it maps, page-faults and zeroes them again
/// each step: about 3,600 page faults and 10 ms a step here. The Python peer's process had about 330 a step:
/// something in it had freed a larger block early on. <see cref="KeepFreedMemory"/> fixes the thresholds at the
/// values glibc's own heuristic tends towards (mmap at 32 MiB, its maximum; trim at twice that).
/// </summary>
public static class CpuMemory
{
    // mallopt parameters from glibc's <malloc.h>.
    const int TrimThresholdOption = -1, MmapThresholdOption = -3;
    const int MmapThreshold = 32 << 20, TrimThreshold = 2 * MmapThreshold;

    /// <summary>The environment variable that, set to "default", leaves glibc's own policy (for A/B runs).</summary>
    public const string Switch = "LEARNLM_BENCH_MALLOC";

    /// <summary>What the process runs with, as <see cref="Apply"/> left it.</summary>
    public static string Setting { get; private set; } = "glibc default";

    /// <summary>Sets malloc's thresholds unless <see cref="Switch"/> says "default". Returns what the process runs with.</summary>
    public static string Apply() => Setting = Set();

    static string Set()
    {
        if (Environment.GetEnvironmentVariable(Switch) == "default") return "glibc default";
        if (!OperatingSystem.IsLinux()) return "system default (not Linux)";
        try
        {
            bool set = mallopt(MmapThresholdOption, MmapThreshold) == 1 && mallopt(TrimThresholdOption, TrimThreshold) == 1;
            return set ? "mmap threshold 32 MiB, trim threshold 64 MiB (mallopt)" : "glibc default (mallopt refused)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "system default (no mallopt)";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int option, int value);
}
