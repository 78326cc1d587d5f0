using LearnLM.Grading;
using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// A bare Roslyn script session for the grade worker, used until the kernel's own ScriptEngine is merged:
/// cells, state between them, errors as outcomes. It has no interrupt checks, so a runaway cell is stopped by the
/// grader killing the worker.
/// </summary>
sealed class FallbackScriptEngine : IExecutionEngine
{
    static readonly ScriptOptions Options = ScriptOptions.Default
        .AddReferences(typeof(TorchSharp.torch).Assembly, typeof(Check).Assembly, typeof(Enumerable).Assembly, typeof(Console).Assembly)
        .AddImports("System", "System.Linq", "System.Collections.Generic", "TorchSharp", "LearnLM.Grading");

    ScriptState<object?>? state;

    public int ExecutionCount { get; private set; }

    public async Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default)
    {
        int count = ++ExecutionCount;
        try
        {
            state = state is null
                ? await CSharpScript.RunAsync<object?>(code, Options, cancellationToken: cancellationToken)
                : await state.ContinueWithAsync<object?>(code, Options, cancellationToken);
            var result = state.ReturnValue is { } value ? MimeBundle.Text(value.ToString() ?? "") : null;
            return new ExecutionOutcome(ExecutionStatus.Ok, count, result);
        }
        catch (CompilationErrorException e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: new ExecutionError("CompilationError",
                string.Join("; ", e.Diagnostics.Select(d => d.GetMessage())), e.Diagnostics.Select(d => d.ToString()).ToList()));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ExecutionOutcome(ExecutionStatus.Aborted, count, Error: new ExecutionError("Interrupted", "The cell was interrupted.", []));
        }
        catch (Exception e)
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, Error: new ExecutionError(e.GetType().Name, e.Message, (e.StackTrace ?? "").Split('\n')));
        }
    }

    public void Interrupt() { }

    public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default) =>
        Task.FromResult(new CompletionResult([], cursorPosition, cursorPosition));

    public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default) =>
        Task.FromResult(new InspectionResult(false, null));

    public CompletenessResult IsComplete(string code) => new(Completeness.Unknown);

    public void Dispose() { }
}
