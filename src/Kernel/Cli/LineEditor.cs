using System.Text;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// Reads one line from a terminal with editing and history (Up/Down recall earlier entries, Left/Right/Home/End
/// move, Backspace/Delete erase). Used only when stdin is a terminal; piped input is read line by line.
/// </summary>
sealed class LineEditor(IReadOnlyList<string> history)
{
    /// <summary>The line typed, or null at end of input (Ctrl+D on an empty line).</summary>
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        var line = new StringBuilder();
        int cursor = 0, recalled = history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0: cursor--; break;
                case ConsoleKey.RightArrow when cursor < line.Length: cursor++; break;
                case ConsoleKey.Home: cursor = 0; break;
                case ConsoleKey.End: cursor = line.Length; break;
                case ConsoleKey.UpArrow when recalled > 0:
                    line.Clear().Append(history[--recalled].TrimEnd('\n').Replace('\n', ' '));
                    cursor = line.Length;
                    break;
                case ConsoleKey.DownArrow when recalled < history.Count:
                    recalled++;
                    line.Clear().Append(recalled < history.Count ? history[recalled].TrimEnd('\n').Replace('\n', ' ') : "");
                    cursor = line.Length;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar)) line.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, line, cursor);
        }
    }

    static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        // Carriage return, prompt and text, erase to end of line, then put the cursor back where it belongs.
        Console.Write($"\r{prompt}{line}\x1b[K");
        int back = line.Length - cursor;
        if (back > 0) Console.Write($"\x1b[{back}D");
    }
}
