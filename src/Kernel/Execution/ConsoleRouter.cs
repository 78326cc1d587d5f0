using System.Text;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Sends <c>Console.Out</c> and <c>Console.Error</c> to the running cell's host (chapter 1). The console is one
/// per process, so the writer installed here looks up the cell through an async-local: output from a cell's own
/// tasks and threads reaches that cell, and writes outside any cell go to the real console.
/// </summary>
static class ConsoleRouter
{
    static readonly AsyncLocal<CellConsole?> _current = new();
    static readonly object _lock = new();
    static TextWriter? _installedOut, _installedError;

    /// <summary>The process's own standard output, as it was before any cell captured it.</summary>
    public static TextWriter OriginalOut { get; private set; } = Console.Out;

    public static TextWriter OriginalError { get; private set; } = Console.Error;

    /// <summary>Routes console output to <paramref name="host"/> for the current async flow until disposed (which flushes).</summary>
    public static IDisposable Capture(IDisplayHost host)
    {
        Install();
        var cell = new CellConsole(host);
        var previous = _current.Value;
        _current.Value = cell;
        return new Scope(cell, previous);
    }

    /// <summary>
    /// The writer a host should print to: the real console behind a routing writer. A host that printed to the
    /// routing writer itself would send its own output back into the cell.
    /// </summary>
    public static TextWriter Unrouted(TextWriter writer) =>
        ReferenceEquals(writer, _installedOut) ? OriginalOut : ReferenceEquals(writer, _installedError) ? OriginalError : writer;

    /// <summary>(Re)installs the routing writers; someone else (a test, a library) may have replaced them meanwhile.</summary>
    static void Install()
    {
        lock (_lock)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                OriginalOut = Console.Out;
                Console.SetOut(new RoutingWriter(OutputStream.Stdout, OriginalOut));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                OriginalError = Console.Error;
                Console.SetError(new RoutingWriter(OutputStream.Stderr, OriginalError));
                _installedError = Console.Error;
            }
        }
    }

    sealed class Scope(CellConsole cell, CellConsole? previous) : IDisposable
    {
        public void Dispose()
        {
            cell.Dispose();
            _current.Value = previous;
        }
    }

    sealed class RoutingWriter(OutputStream stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (Target() is { } cell) cell.Write(stream, value.ToString());
            else fallback.Write(value);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            if (Target() is { } cell) cell.Write(stream, value);
            else fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write(value + NewLine);

        public override void Flush()
        {
            if (Target() is { } cell) cell.Flush();
            else fallback.Flush();
        }

        /// <summary>The cell to write to; none while a host is handling that cell's output (a host that prints to the console).</summary>
        static CellConsole? Target() => CellConsole.Sending ? null : _current.Value;
    }

    /// <summary>
    /// One cell's console: text is buffered and handed to the host at each newline, and a timer sends a partial line
    /// (a progress bar drawn with '\r') after a short pause, so output arrives while the cell runs.
    /// </summary>
    sealed class CellConsole : IDisposable
    {
        static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);
        readonly IDisplayHost _host;
        readonly StringBuilder _stdout = new(), _stderr = new();
        readonly Timer _timer;
        readonly object _lock = new();

        [ThreadStatic] static bool _sending;

        public static bool Sending => _sending;

        public CellConsole(IDisplayHost host)
        {
            _host = host;
            using (ExecutionContext.SuppressFlow())
                _timer = new Timer(_ => Flush(), null, FlushDelay, FlushDelay);
        }

        public void Write(OutputStream stream, string text)
        {
            lock (_lock)
            {
                var buffer = stream == OutputStream.Stdout ? _stdout : _stderr;
                // Keep the two streams in order: what was written first is sent first.
                var other = stream == OutputStream.Stdout ? _stderr : _stdout;
                if (other.Length > 0) Send(stream == OutputStream.Stdout ? OutputStream.Stderr : OutputStream.Stdout, other);
                buffer.Append(text);
                if (text.Contains('\n')) Send(stream, buffer);
            }
        }

        public void Flush()
        {
            lock (_lock)
            {
                if (_stdout.Length > 0) Send(OutputStream.Stdout, _stdout);
                if (_stderr.Length > 0) Send(OutputStream.Stderr, _stderr);
            }
        }

        void Send(OutputStream stream, StringBuilder buffer)
        {
            string text = buffer.ToString();
            buffer.Clear();
            _sending = true;
            try { _host.WriteStream(stream, text); }
            catch (Exception e) { OriginalError.WriteLine($"learnlm: the display host failed to take console output: {e.Message}"); }
            finally { _sending = false; }
        }

        public void Dispose()
        {
            _timer.Dispose();
            Flush();
        }
    }
}
