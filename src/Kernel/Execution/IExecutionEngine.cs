using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// What every host asks of the execution engine (ipykernel's do_execute / xeus's execute_request_impl, and their
/// siblings). The Jupyter protocol layer, the headless runner, the grader and the REPL all drive this one
/// interface, so they behave the same; each host only decides where <see cref="IDisplayHost"/> output goes.
/// </summary>
public interface IExecutionEngine : IDisposable
{
    /// <summary>
    /// Runs one cell as the next submission of the session. Output streams to <paramref name="output"/> while it runs.
    /// Never throws for user errors: compile errors, exceptions and interrupts come back as the outcome.
    /// </summary>
    Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default);

    /// <summary>Stops the running cell as soon as it reaches an interrupt check (well under a second); the session keeps its state.</summary>
    void Interrupt();

    Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default);

    Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="code"/> is a whole submission (for the REPL and Jupyter's is_complete).</summary>
    CompletenessResult IsComplete(string code);

    /// <summary>How many cells have run (Jupyter's execution_count).</summary>
    int ExecutionCount { get; }
}

public enum ExecutionStatus { Ok, Error, Aborted }

/// <param name="Name">Exception type or "CompilationError"/"Interrupted"; Jupyter's ename.</param>
/// <param name="Value">The message; Jupyter's evalue.</param>
/// <param name="Traceback">Lines to show (compile errors with cell line:column, trimmed stack trace).</param>
public sealed record ExecutionError(string Name, string Value, IReadOnlyList<string> Traceback);

/// <param name="Result">The cell's last expression formatted, or null when it has none.</param>
public sealed record ExecutionOutcome(ExecutionStatus Status, int ExecutionCount, MimeBundle? Result = null, ExecutionError? Error = null);

public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

public sealed record InspectionResult(bool Found, MimeBundle? Data);

public enum Completeness { Complete, Incomplete, Invalid, Unknown }

/// <param name="Indent">For incomplete code, the indentation the next line should start with.</param>
public sealed record CompletenessResult(Completeness Status, string Indent = "");
