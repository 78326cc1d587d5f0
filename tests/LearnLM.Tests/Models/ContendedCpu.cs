using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

/// <summary>
/// The training tests run on 2 cores shared with many processes. libtorch's default of one worker thread per core
/// then loses most of its time at OpenMP barriers waiting for a descheduled partner: measured here, a mini-GPT step
/// took 5 s with 2 threads and 0.2 s with 1. Training tests therefore ask for one intra-op thread.
/// </summary>
static class ContendedCpu
{
    public static void UseOneThread() => set_num_threads(1);
}
