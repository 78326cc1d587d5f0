namespace LearnLM.Kernel.Grading;

/// <summary>What one submission may spend.</summary>
/// <param name="NotebookTimeout">Wall time for the whole submission, engine start-up included.</param>
/// <param name="CellTimeout">Per cell: the worker interrupts the cell then; the grader kills the worker <see cref="KillGrace"/> later.</param>
/// <param name="MemoryMegabytes">Caps the worker's managed heap (DOTNET_GCHeapHardLimit) and, watched by the grader, its resident memory (TorchSharp's native tensors included).</param>
/// <param name="OutputLimit">Characters of each cell's output kept for the report and the feedback.</param>
public sealed record GradingLimits(
    TimeSpan NotebookTimeout,
    TimeSpan CellTimeout,
    int MemoryMegabytes = 2048,
    int OutputLimit = 10_000)
{
    /// <summary>Time a cell gets, after its timeout, to stop at an interrupt check before the worker is killed.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    public static GradingLimits Default { get; } = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(60));
}
