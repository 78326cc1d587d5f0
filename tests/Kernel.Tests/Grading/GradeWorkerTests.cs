using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Grading.Worker;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>
/// The worker's protocol, in-process, against a scripted engine: no Roslyn, no child process, and the process's
/// console left alone (the console capture is exercised by the worker-process tests).
/// </summary>
public sealed class GradeWorkerTests
{
    /// <summary>Runs "ok", "fail" and "host N" (N characters through the display host).</summary>
    sealed class ScriptedEngine : IExecutionEngine
    {
        public int ExecutionCount { get; private set; }

        public Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default)
        {
            ExecutionCount++;
            string[] words = code.Split(' ');
            switch (words[0])
            {
                case "fail": return Task.FromResult(new ExecutionOutcome(ExecutionStatus.Error, ExecutionCount, Error: new ExecutionError("CheckFailedException", "expected 1, got 2", ["at Submission#3"])));
                case "host": output.WriteStream(OutputStream.Stdout, new string('y', int.Parse(words[1]))); break;
            }
            return Task.FromResult(new ExecutionOutcome(ExecutionStatus.Ok, ExecutionCount, MimeBundle.Text("value")));
        }

        public void Interrupt() { }
        public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public CompletenessResult IsComplete(string code) => throw new NotSupportedException();
        public void Dispose() { }
    }

    static List<WorkerEvent> Run(WorkerJob job)
    {
        var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WorkerProtocol.Serialize(job)));
        var protocol = new MemoryStream();
        int exit = new GradeWorker(() => new ScriptedEngine(), ownsProcess: false).RunAsync(input, protocol).GetAwaiter().GetResult();
        Assert.Equal(0, exit);
        return System.Text.Encoding.UTF8.GetString(protocol.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => WorkerProtocol.Deserialize<WorkerEvent>(line)!).ToList();
    }

    [Fact]
    public void Each_cell_is_reported_when_it_starts_and_when_it_ends_then_done()
    {
        var events = Run(new WorkerJob(["ok", "fail", "ok"], 10, 100));
        Assert.Equal(
            [WorkerEventKind.Ready, WorkerEventKind.Start, WorkerEventKind.End, WorkerEventKind.Start, WorkerEventKind.End, WorkerEventKind.Start, WorkerEventKind.End, WorkerEventKind.Done],
            events.Select(e => e.Event));
        var ends = events.Where(e => e.Event == WorkerEventKind.End).ToList();
        Assert.Equal([0, 1, 2], ends.Select(e => e.Cell!.Value));
        Assert.Equal([CellStatus.Ok, CellStatus.Error, CellStatus.Ok], ends.Select(e => e.Status!.Value));
        Assert.Equal("CheckFailedException", ends[1].Error!.Name);
        Assert.Equal("expected 1, got 2", ends[1].Error!.Value);
        Assert.Equal("value", ends[0].Result);
    }

    [Fact]
    public void Output_past_the_limit_is_counted_not_sent()
    {
        var ends = Run(new WorkerJob(["host 1000000", "host 50", "host 250"], 10, 200)).Where(e => e.Event == WorkerEventKind.End).ToList();
        Assert.StartsWith(new string('y', 200) + "\n… [output truncated: 999,800 more characters]", ends[0].Output);
        Assert.Equal(new string('y', 50), ends[1].Output);
        Assert.Contains("50 more characters", ends[2].Output);
    }
}
