using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>
/// Splits a cell into its leading <c>#!</c> magic lines and its code, and runs them in order: each magic either
/// does its work and lets the next run, or wraps the rest of the cell. The execution engine calls
/// <see cref="RunAsync"/> with a callback that compiles and runs C#; every host gets the same behaviour.
/// </summary>
public static class CellMagics
{
    /// <summary>A leading line that starts with <c>#!</c> (but not a shebang-like <c>#!/</c>) is a magic.</summary>
    public static bool IsMagicLine(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("#!", StringComparison.Ordinal) && trimmed.Length > 2 && char.IsLetter(trimmed[2]);
    }

    /// <summary>The magic lines at the top of the cell (blank lines between them allowed) and the code after them.</summary>
    public static (IReadOnlyList<string> MagicLines, string Code) Split(string cell)
    {
        var lines = cell.Replace("\r\n", "\n").Split('\n');
        var magics = new List<string>();
        int i = 0;
        for (; i < lines.Length; i++)
        {
            if (IsMagicLine(lines[i])) magics.Add(lines[i].Trim());
            else if (!string.IsNullOrWhiteSpace(lines[i])) break;
        }
        // Blank lines replace the magic lines, so compile errors keep the cell's own line numbers.
        string code = string.Concat(Enumerable.Repeat("\n", i)) + string.Join('\n', lines.Skip(i));
        return (magics, magics.Count == 0 ? cell : code);
    }

    /// <summary>Splits a magic line into its name and arguments; double quotes group words.</summary>
    public static (string Name, IReadOnlyList<string> Args) Parse(string magicLine)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in magicLine.Trim()[2..])
        {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (char.IsWhiteSpace(c) && !quoted) { if (any) words.Add(current.ToString()); current.Clear(); any = false; }
            else { current.Append(c); any = true; }
        }
        if (quoted) throw new MagicUsageException($"'{magicLine}' has an unclosed double quote.");
        if (any) words.Add(current.ToString());
        return (words[0], words.Skip(1).ToList());
    }

    /// <summary>Runs the cell's magics, then <paramref name="runCode"/> with the remaining code (unless a magic wrapped it).</summary>
    /// <exception cref="MagicUsageException">An unknown magic or bad arguments; nothing of the cell has run.</exception>
    public static Task RunAsync(string cell, MagicRegistry registry, IDisplayHost host, Func<string, Task> runCode, CancellationToken cancellationToken = default)
    {
        var (lines, code) = Split(cell);
        var parsed = lines.Select(Parse).ToList();
        foreach (var (name, _) in parsed)
            if (!registry.TryGet(name, out _))
                throw new MagicUsageException(
                    $"Unknown magic '#!{name}'. Known magics: {string.Join(", ", registry.All.Select(m => "#!" + m.Name).Order())}. Try #!lsmagic.");
        return RunFrom(0);

        async Task RunFrom(int index)
        {
            if (index == parsed.Count)
            {
                if (!string.IsNullOrWhiteSpace(code)) await runCode(code);
                return;
            }
            var (name, args) = parsed[index];
            registry.TryGet(name, out var magic);
            bool ranRest = false;
            var context = new MagicContext(host, () => { ranRest = true; return RunFrom(index + 1); }, cancellationToken);
            if (args.Contains("--help") || args.Contains("-h"))
            {
                host.WriteStream(OutputStream.Stdout, magic.Help.TrimEnd() + "\n");
                return;   // asking for help runs nothing else
            }
            await magic.RunAsync(args, context);
            if (!magic.WrapsCell && !ranRest) await RunFrom(index + 1);
        }
    }
}
