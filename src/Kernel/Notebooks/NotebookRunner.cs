using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Notebooks;

/// <summary>
/// Executes a notebook top to bottom headlessly, as nbclient or papermill would (chapter 1): each code cell runs in
/// one engine, its outputs and execution count are written into the notebook, and the run stops at the first
/// failing cell. Used by <c>learnlm run</c> and the grader. Timing is recorded where Jupyter's tools put it: each
/// cell's <c>metadata.execution</c> (nbclient's <c>record_timing</c> keys) and the notebook's
/// <c>metadata.learnlm</c> (start, end, duration and parameters, like papermill's <c>metadata.papermill</c>), so a
/// report can say how long a chapter took on the machine that ran it.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="notebook"/> in place with a fresh <see cref="ScriptEngine"/> rooted at <paramref name="workingDirectory"/>.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, string workingDirectory, NotebookRunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var engine = new ScriptEngine(workingDirectory: workingDirectory);
        return await RunAsync(notebook, engine, options, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="notebook"/> in place with <paramref name="engine"/>, which may already hold state.</summary>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, IExecutionEngine engine, NotebookRunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var warnings = NotebookParameters.Inject(notebook, options.Parameters);
        // Compiler warm-up is not the first cell's time (its --timeout).
        if (engine is ScriptEngine script) await script.Ready.WaitAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var host = new NotebookOutputHost();
        var cells = notebook.Cells;
        var code = cells.Select((cell, index) => (cell, index)).Where(c => c.cell.IsCode).ToList();
        foreach (var (cell, _) in code) { cell.Outputs.Clear(); cell.ExecutionCount = null; }

        int ran = 0;
        CellFailure? failure = null;
        foreach (var (cell, index) in code)
        {
            if (string.IsNullOrWhiteSpace(cell.Source)) continue;   // nbclient skips empty cells too
            progress?.Report(new CellProgress(index + 1, cells.Count, ran, code.Count));
            var cellHost = host.ForCell(cell.Outputs);
            var cellStarted = DateTimeOffset.UtcNow;
            var outcome = await RunCellAsync(engine, cell.Source, cellHost, options.CellTimeout, cancellationToken);
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = Timestamp(cellStarted),
                ["shell.execute_reply"] = Timestamp(DateTimeOffset.UtcNow),
            };
            ran++;
            cell.ExecutionCount = outcome.ExecutionCount;
            if (outcome.Result is { } result) cellHost.Result(result, outcome.ExecutionCount);
            if (outcome.Error is { } error)
            {
                cellHost.Error(error.Name, error.Value, error.Traceback);
                failure = new CellFailure(index + 1, error);
                break;
            }
        }
        progress?.Report(new CellProgress(cells.Count, cells.Count, ran, code.Count));
        notebook.Metadata["learnlm"] = new JsonObject
        {
            ["start_time"] = Timestamp(started),
            ["end_time"] = Timestamp(DateTimeOffset.UtcNow),
            ["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["parameters"] = new JsonObject(options.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["succeeded"] = failure is null,
        };
        return new NotebookRunResult(notebook, ran, failure, clock.Elapsed, warnings);
    }

    // ISO 8601 with a Z, as Jupyter writes its message dates.
    static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    static async Task<ExecutionOutcome> RunCellAsync(IExecutionEngine engine, string source, NotebookOutputHost host, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var execution = engine.ExecuteAsync(source, host, cancellationToken);
        if (timeout is not { } limit) return await execution;
        var finished = await Task.WhenAny(execution, Task.Delay(limit, cancellationToken));
        if (finished == execution) return await execution;
        engine.Interrupt();
        var outcome = await execution;
        if (outcome.Error?.Name != "Interrupted") return outcome;   // it ended on its own just as time ran out
        string message = $"The cell did not finish within {limit.TotalSeconds:0.###} s (--timeout) and was interrupted.";
        return outcome with { Error = new ExecutionError("CellTimeoutError", message, [message]) };
    }
}

/// <param name="Parameters">Values for the <c>parameters</c> cell (papermill's convention).</param>
/// <param name="CellTimeout">How long one cell may run before it is interrupted and the run fails; none when null.</param>
public sealed record NotebookRunOptions(IReadOnlyDictionary<string, string> Parameters, TimeSpan? CellTimeout = null)
{
    public NotebookRunOptions() : this(new Dictionary<string, string>()) { }
}

/// <param name="CellNumber">The cell's position in the notebook, counting every cell from 1 (as a frontend shows it).</param>
public sealed record CellFailure(int CellNumber, ExecutionError Error);

/// <param name="CellNumber">The cell about to run (1-based over all cells).</param>
public sealed record CellProgress(int CellNumber, int CellCount, int CodeCellsRun, int CodeCellCount);

/// <param name="Executed">The notebook with outputs (the same object that was run).</param>
/// <param name="Warnings">Parameter warnings (unknown names, no parameters cell).</param>
public sealed record NotebookRunResult(Notebook Executed, int CellsRun, CellFailure? Failure, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Failure is null;
}
