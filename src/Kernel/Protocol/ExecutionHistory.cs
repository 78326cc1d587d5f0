using System.Text.RegularExpressions;

namespace LearnLM.Kernel.Protocol;

/// <summary>One stored input: session 1 is this kernel's run; line is the execution count it ran as.</summary>
public sealed record HistoryEntry(int Session, int Line, string Input, string? Output);

/// <summary>
/// The inputs this kernel ran with store_history, for history_request's tail, range and search (IPython's
/// semantics: search patterns are globs over the whole input, tail and search return the last n). In memory only:
/// a kernel restart starts a new history. Thread-safe. Chapter 1 (setup).
/// </summary>
public sealed class ExecutionHistory
{
    public const int CurrentSession = 1;
    readonly List<HistoryEntry> _entries = [];
    readonly Lock _gate = new();

    public void Add(int line, string input, string? output)
    {
        lock (_gate) _entries.Add(new HistoryEntry(CurrentSession, line, input, output));
    }

    public IReadOnlyList<HistoryEntry> Tail(int n)
    {
        lock (_gate) return n <= 0 ? [] : _entries.Skip(Math.Max(0, _entries.Count - n)).ToArray();
    }

    /// <summary>Lines start ≤ line &lt; stop of a session; 0 or a negative session means this one, a stop ≤ 0 means to the end.</summary>
    public IReadOnlyList<HistoryEntry> Range(int session, int start, int stop)
    {
        if (session > 0 && session != CurrentSession) return [];
        lock (_gate) return _entries.Where(e => e.Line >= start && (stop <= 0 || e.Line < stop)).ToArray();
    }

    public IReadOnlyList<HistoryEntry> Search(string pattern, int n, bool unique)
    {
        var glob = GlobToRegex(pattern);
        HistoryEntry[] matches;
        lock (_gate) matches = _entries.Where(e => glob.IsMatch(e.Input)).ToArray();
        if (unique)
            // Keep each input's latest run, in the order of those runs.
            matches = matches.Select((entry, index) => (entry, index)).GroupBy(m => m.entry.Input).Select(g => g.Last()).OrderBy(m => m.index).Select(m => m.entry).ToArray();
        return n > 0 && matches.Length > n ? matches[^n..] : matches;
    }

    /// <summary>SQLite GLOB, as IPython uses: * any run, ? one character, [...] a class; anchored at both ends.</summary>
    static Regex GlobToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            int close = c == '[' ? pattern.IndexOf(']', i + 2) : -1;
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else if (close > 0)
            {
                string body = pattern[(i + 1)..close];
                regex.Append('[').Append(body.StartsWith('^') ? "^" + Regex.Escape(body[1..]) : Regex.Escape(body)).Append(']');
                i = close;
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
