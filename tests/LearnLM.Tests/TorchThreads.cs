using System.Runtime.CompilerServices;

namespace LearnLM.Tests;

static class TorchThreads
{
    /// <summary>
    /// The tests use tiny tensors, where intra-op threads only contend: on a loaded 2-core CI machine a 400-step
    /// XOR loop took 12 s with libtorch's default thread pool and 5 s with one thread.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneThread() => TorchSharp.torch.set_num_threads(1);
}
