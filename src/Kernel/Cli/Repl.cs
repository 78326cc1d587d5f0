using System.Text;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// Interactive C# in the terminal with the notebook engine (chapter 1): same magics, formatters and session
/// semantics as a notebook. A line that leaves the code incomplete (an open brace) asks for more with a
/// continuation prompt; Ctrl+C interrupts a running cell, and at an empty prompt a second Ctrl+C exits.
/// </summary>
public sealed class Repl
{
    const string Prompt = "> ", Continuation = "... ";
    readonly IExecutionEngine _engine;
    readonly TextReader _input;
    readonly TerminalHost _host;
    readonly TextWriter _output, _error;
    readonly LineEditor? _editor;
    readonly List<string> _history = [];
    volatile bool _running;
    volatile bool _exitArmed;

    /// <param name="interactive">Use prompts and the line editor; false for piped input (no prompts, plain reads).</param>
    public Repl(IExecutionEngine engine, TextReader input, TextWriter output, TextWriter error, bool interactive)
    {
        _engine = engine;
        _input = input;
        _output = output;
        _error = error;
        _host = new TerminalHost(output, error);
        _editor = interactive ? new LineEditor(_history) : null;
    }

    /// <summary>The cells entered so far, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Reads and runs cells until end of input; returns 1 if the last cell failed (useful for piped scripts), else 0.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new StringBuilder();
        bool lastFailed = false;
        if (_editor is not null) _output.WriteLine("LearnLM C# REPL — TorchSharp and LearnLM are imported. Ctrl+C interrupts, Ctrl+C twice or Ctrl+D exits.");
        while (!cancellationToken.IsCancellationRequested)
        {
            string indent = buffer.Length == 0 ? "" : _engine.IsComplete(buffer.ToString()).Indent;
            string? line = _editor is not null ? _editor.ReadLine(buffer.Length == 0 ? Prompt : Continuation + indent) : _input.ReadLine();
            if (line is null) break;
            _exitArmed = false;
            buffer.Append(line).Append('\n');
            string code = buffer.ToString();
            if (string.IsNullOrWhiteSpace(code)) { buffer.Clear(); continue; }
            if (_engine.IsComplete(code).Status == Completeness.Incomplete) continue;
            buffer.Clear();
            lastFailed = !await RunCellAsync(code.TrimEnd('\n'), cancellationToken);
        }
        // End of input with half a cell typed: run it, so a piped script's last lines are not lost.
        if (buffer.Length > 0 && !string.IsNullOrWhiteSpace(buffer.ToString())) lastFailed = !await RunCellAsync(buffer.ToString().TrimEnd('\n'), cancellationToken);
        return lastFailed ? 1 : 0;
    }

    async Task<bool> RunCellAsync(string code, CancellationToken cancellationToken)
    {
        _history.Add(code);
        _running = true;
        ExecutionOutcome outcome;
        try { outcome = await _engine.ExecuteAsync(code, _host, cancellationToken); }
        finally { _running = false; }
        if (outcome.Result is { } result) _host.WriteLine(TerminalHost.Text(result));
        if (outcome.Error is { } error)
        {
            foreach (var line in error.Traceback) _error.WriteLine(line);
            _error.Flush();
            return false;
        }
        return true;
    }

    /// <summary>Ctrl+C: interrupts a running cell; at the prompt, the first press warns and the second asks to exit (returns true).</summary>
    public bool OnCancelKey()
    {
        if (_running) { _engine.Interrupt(); return false; }
        if (_exitArmed) return true;
        _exitArmed = true;
        _output.WriteLine();
        _output.Write("(press Ctrl+C again to exit)\n" + Prompt);
        _output.Flush();
        return false;
    }
}
