using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>
/// A scripted engine, so protocol tests need no compiler: "print:X" writes X to stdout, "err:X" to stderr,
/// "value:X" returns X, "throw" fails, "sleep" runs until interrupted, "display" shows then updates a display,
/// "input" reads a line through the kernel's stdin channel, "json" returns a JSON bundle; anything else returns itself.
/// </summary>
sealed class FakeEngine : IExecutionEngine
{
    readonly ManualResetEventSlim _interrupt = new();
    int _count;

    public StdinChannel? Stdin { get; set; }
    public ManualResetEventSlim Sleeping { get; } = new();
    public bool ThrowFromComplete { get; set; }
    public int Interrupts;

    public int ExecutionCount => _count;

    public Task<ExecutionOutcome> ExecuteAsync(string code, IDisplayHost output, CancellationToken cancellationToken = default)
    {
        int count = Interlocked.Increment(ref _count);
        ExecutionOutcome Ok(MimeBundle? result = null) => new(ExecutionStatus.Ok, count, result);
        switch (code)
        {
            case var _ when code.StartsWith("print:"):
                output.WriteStream(OutputStream.Stdout, code["print:".Length..]);
                return Task.FromResult(Ok());
            case var _ when code.StartsWith("err:"):
                output.WriteStream(OutputStream.Stderr, code["err:".Length..]);
                return Task.FromResult(Ok());
            case var _ when code.StartsWith("value:"):
                return Task.FromResult(Ok(MimeBundle.Text(code["value:".Length..])));
            case "throw":
                return Task.FromResult(new ExecutionOutcome(ExecutionStatus.Error, count, null,
                    new ExecutionError("InvalidOperationException", "boom", ["InvalidOperationException: boom", "   at cell 1"])));
            case "sleep":
                _interrupt.Reset();
                Sleeping.Set();
                // Bounded: a test that forgets to interrupt still ends.
                bool interrupted = _interrupt.Wait(TimeSpan.FromSeconds(30));
                Sleeping.Reset();
                return Task.FromResult(interrupted
                    ? new ExecutionOutcome(ExecutionStatus.Error, count, null, new ExecutionError("Interrupted", "The cell was interrupted.", []))
                    : Ok(MimeBundle.Text("slept 30 s")));
            case "display":
                output.Display(new MimeBundle(new Dictionary<string, string> { [MimeBundle.PlainText] = "first", [MimeBundle.Json] = """{"step": 1}""" }), "curve");
                output.UpdateDisplay(new MimeBundle(new Dictionary<string, string> { [MimeBundle.PlainText] = "second", [MimeBundle.Json] = """{"step": 2}""" },
                    new Dictionary<string, string> { [MimeBundle.Json] = """{"expanded": true}""" }), "curve");
                return Task.FromResult(Ok());
            case "json":
                return Task.FromResult(Ok(new MimeBundle(new Dictionary<string, string> { [MimeBundle.PlainText] = "[1, 2]", [MimeBundle.PlotlyJson] = """{"data": [1, 2]}""" })));
            case "read-chars":
                // Console.In semantics over the frontend: Peek and Read see the reply's characters, then its newline.
                var reader = new StdinReader(Stdin!);
                output.WriteStream(OutputStream.Stdout, $"{(char)reader.Peek()}{(char)reader.Read()}{(char)reader.Read()}[{reader.ReadLine()}]");
                return Task.FromResult(Ok());
            case "input":
                try
                {
                    string name = Stdin!.ReadLine("name? ");
                    output.WriteStream(OutputStream.Stdout, $"hello {name}");
                    return Task.FromResult(Ok());
                }
                catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
                {
                    return Task.FromResult(new ExecutionOutcome(ExecutionStatus.Error, count, null, new ExecutionError(e.GetType().Name, e.Message, [])));
                }
            default:
                return Task.FromResult(Ok(MimeBundle.Text(code)));
        }
    }

    public void Interrupt()
    {
        Interlocked.Increment(ref Interrupts);
        _interrupt.Set();
    }

    static readonly string[] Vocabulary = ["Console", "Convert", "Math", "MathF"];

    public Task<CompletionResult> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken = default)
    {
        if (ThrowFromComplete) throw new InvalidOperationException("completion service crashed");
        int start = cursorPosition;
        while (start > 0 && char.IsLetterOrDigit(code[start - 1])) start--;
        string prefix = code[start..cursorPosition];
        return Task.FromResult(new CompletionResult(Vocabulary.Where(word => word.StartsWith(prefix, StringComparison.Ordinal)).ToArray(), start, cursorPosition));
    }

    public Task<InspectionResult> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken = default) =>
        Task.FromResult(code.Contains("Console")
            ? new InspectionResult(true, MimeBundle.Text(detailLevel == 0 ? "class System.Console" : "class System.Console\nRepresents the standard streams."))
            : new InspectionResult(false, null));

    public CompletenessResult IsComplete(string code)
    {
        int depth = code.Count(c => c == '{') - code.Count(c => c == '}');
        return code == "?" ? new CompletenessResult(Completeness.Unknown)
            : depth > 0 ? new CompletenessResult(Completeness.Incomplete, "    ")
            : depth < 0 ? new CompletenessResult(Completeness.Invalid)
            : new CompletenessResult(Completeness.Complete);
    }

    public void Dispose() => _interrupt.Dispose();
}
