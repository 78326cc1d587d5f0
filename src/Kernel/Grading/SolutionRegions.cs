using System.Text;
using System.Text.RegularExpressions;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// The teacher's solution regions inside code cells: the lines between <c>// BEGIN SOLUTION</c> and
/// <c>// END SOLUTION</c> become one <c>throw new NotImplementedException();</c> in the student copy, at the
/// indentation of the BEGIN line. The region holds whole statements (inside an expression-bodied member, write a
/// block body instead). Chapter 1 (setup) shows an exercise cell.
/// </summary>
public static partial class SolutionRegions
{
    public const string Placeholder = "throw new NotImplementedException();";

    public static bool Contains(string source) => source.Split('\n').Any(l => Begin().IsMatch(l));

    /// <summary>The student's version of <paramref name="source"/>.</summary>
    /// <exception cref="GradingFormatException">A region is not closed, is nested, or an END has no BEGIN.</exception>
    public static string Strip(string source, int cellNumber)
    {
        var lines = source.Split('\n');
        var student = new StringBuilder();
        int? openedAt = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string newline = i < lines.Length - 1 ? "\n" : "";
            if (Begin().IsMatch(line))
            {
                if (openedAt is not null)
                    throw new GradingFormatException($"cell {cellNumber}, line {i + 1}: BEGIN SOLUTION inside the region opened on line {openedAt}; close it first with // END SOLUTION.");
                openedAt = i + 1;
                string indent = line[..(line.Length - line.TrimStart().Length)];
                student.Append(indent).Append(Placeholder).Append(newline);
            }
            else if (End().IsMatch(line))
            {
                if (openedAt is null)
                    throw new GradingFormatException($"cell {cellNumber}, line {i + 1}: END SOLUTION without a BEGIN SOLUTION before it.");
                openedAt = null;
            }
            else if (openedAt is null)
                student.Append(line).Append(newline);
        }
        if (openedAt is not null)
            throw new GradingFormatException($"cell {cellNumber}, line {openedAt}: BEGIN SOLUTION is never closed; add // END SOLUTION after the solution.");
        return student.ToString();
    }

    [GeneratedRegex(@"^\s*//\s*BEGIN SOLUTION\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*//\s*END SOLUTION\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex End();
}
