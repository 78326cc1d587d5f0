using System.Text;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Grading.Worker;

/// <summary>
/// The child process of `learnlm grade` (hidden command `learnlm grade-worker`): runs one submission's cells in a
/// fresh engine session and reports each cell's start and end. It reads its whole job before running any
/// student code, and reports a cell only after it ended, so the grader can tell "passed" from "never finished".
/// </summary>
/// <param name="warmUp">Run before the first cell and not reported, so compiler and TorchSharp start-up are not charged to the student's first cell.</param>
/// <param name="ownsProcess">
/// True in the worker process: it takes over the console (stdin at end-of-file, Console.Out captured per cell for
/// engines that do not route it) and reports Environment.Exit. False when hosted in-process, e.g. by tests.
/// </param>
public sealed class GradeWorker(Func<IExecutionEngine> createEngine, string warmUp = GradeWorker.DefaultWarmUp, bool ownsProcess = true)
{
    public const string DefaultWarmUp = "TorchSharp.torch.zeros(1).Dispose();";

    readonly Lock gate = new();
    int running = -1;
    StreamWriter? channel;

    public async Task<int> RunAsync(Stream jobInput, Stream protocol)
    {
        string jobJson;
        using (var reader = new StreamReader(jobInput, Encoding.UTF8)) jobJson = await reader.ReadToEndAsync();
        var job = WorkerProtocol.Deserialize<WorkerJob>(jobJson)
                  ?? throw new InvalidDataException("grade-worker: the job on stdin is empty.");

        channel = new StreamWriter(protocol, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        if (ownsProcess)
        {
            Console.SetIn(TextReader.Null); // a cell that reads input gets end-of-file, not the grader's pipe
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ReportExit();
        }

        using var engine = createEngine();
        await engine.ExecuteAsync(warmUp, new CappedOutput(0)); // its failure, if any, shows again in the cell that needs it
        Send(new WorkerEvent(WorkerEventKind.Ready));
        for (int i = 0; i < job.Cells.Count; i++)
        {
            lock (gate) running = i;
            Send(new WorkerEvent(WorkerEventKind.Start, i));
            var end = await RunCellAsync(engine, i, job.Cells[i], job, ownsProcess);
            lock (gate) running = -1;
            Send(end);
        }
        Send(new WorkerEvent(WorkerEventKind.Done));
        return 0;
    }

    static async Task<WorkerEvent> RunCellAsync(IExecutionEngine engine, int index, string code, WorkerJob job, bool ownsConsole)
    {
        var output = new CappedOutput(job.OutputLimit);
        var (stdout, stderr) = (Console.Out, Console.Error);
        if (ownsConsole)
        {
            Console.SetOut(output.Writer);
            Console.SetError(output.Writer);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(job.CellTimeoutSeconds));
        using var interrupt = timeout.Token.Register(engine.Interrupt);
        try
        {
            var outcome = await engine.ExecuteAsync(code, output, timeout.Token);
            var status = outcome.Status switch
            {
                ExecutionStatus.Ok => CellStatus.Ok,
                _ when timeout.IsCancellationRequested => CellStatus.Timeout, // interrupted by us, whatever the engine calls it
                _ => CellStatus.Error,
            };
            var error = outcome.Error is { } e ? new WorkerError(e.Name, e.Value, e.Traceback) : null;
            string? result = outcome.Result?[Extensions.Hosts.MimeBundle.PlainText];
            if (result is { Length: > 0 } && result.Length > job.OutputLimit) result = result[..job.OutputLimit] + " …";
            return new WorkerEvent(WorkerEventKind.End, index, status, error, output.Text, result);
        }
        catch (Exception e) // the engine promised not to throw for user errors; report it as this cell's failure anyway
        {
            return new WorkerEvent(WorkerEventKind.End, index, CellStatus.Error, new WorkerError(e.GetType().Name, e.Message, []), output.Text);
        }
        finally
        {
            if (ownsConsole)
            {
                Console.SetOut(stdout);
                Console.SetError(stderr);
            }
        }
    }

    // Environment.Exit from a cell runs this: say which cell ended the process before it goes.
    void ReportExit()
    {
        int cell;
        lock (gate) cell = running;
        if (cell >= 0) Send(new WorkerEvent(WorkerEventKind.Exit, cell, ExitCode: Environment.ExitCode));
    }

    void Send(WorkerEvent message)
    {
        lock (gate)
        {
            try { channel?.WriteLine(WorkerProtocol.Serialize(message)); }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { } // the grader is gone; nothing left to tell
        }
    }
}
