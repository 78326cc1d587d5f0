using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// An engine that is still being created (the Roslyn engine takes about half a second to construct). The kernel
/// answers kernel_info at once with it, which is what frontends wait for, and the first cell waits for the engine.
/// If creation failed, each cell's reply carries that error and the kernel stays up to say so. Chapter 1 (setup).
/// </summary>
public sealed class StartingEngine(Task<IExecutionEngine> starting) : IExecutionEngine
{
    IExecutionEngine Engine => starting.GetAwaiter().GetResult();

    bool Started => starting.IsCompletedSuccessfully;

    public async Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default) =>
        await (await starting.WaitAsync(cancellationToken)).ExecuteAsync(code, output, cancellationToken);

    /// <summary>Before the engine exists no cell is running, so there is nothing to stop.</summary>
    public void Interrupt()
    {
        if (Started) starting.Result.Interrupt();
    }

    public async Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default) =>
        await (await starting.WaitAsync(cancellationToken)).CompleteAsync(code, cursorPosition, cancellationToken);

    public async Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default) =>
        await (await starting.WaitAsync(cancellationToken)).InspectAsync(code, cursorPosition, detailLevel, cancellationToken);

    public CompletenessResult IsComplete(string code) => Engine.IsComplete(code);

    public int ExecutionCount => Started ? starting.Result.ExecutionCount : 0;

    public void Dispose()
    {
        if (Started) starting.Result.Dispose();
        else starting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
