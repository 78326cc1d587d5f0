namespace LearnLM.Kernel.Grading.Worker;

public enum WorkerProblemKind { NotebookTimeout, CellTimeout, Exit, Crash, MemoryLimit, StartFailure }

/// <summary>Why a worker stopped before reporting every cell; any check it had not reported then fails with <see cref="Message"/>.</summary>
/// <param name="Cell">0-based index of the cell running when it happened, when known.</param>
public sealed record WorkerProblem(WorkerProblemKind Kind, int? Cell, string Message);

/// <summary>What the worker reported for one submission.</summary>
/// <param name="Ends">The End event of each cell, by index; null for cells that never finished.</param>
/// <param name="Stderr">The worker's stderr (where native and stray stdout output goes), cut to a few kilobytes.</param>
public sealed record WorkerRun(IReadOnlyList<WorkerEvent?> Ends, WorkerProblem? Problem, TimeSpan Elapsed, string Stderr);
