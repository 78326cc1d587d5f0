using System.Globalization;
using System.Text;
using Spectre.Console;

namespace LearnLM.Kernel.Grading;

/// <summary>The class's results: a table for the terminal and a CSV for the gradebook.</summary>
public static class GradeReport
{
    public static void WriteTable(IAnsiConsole console, GradingKey key, IReadOnlyList<SubmissionGrade> grades)
    {
        var table = new Table().AddColumn("Student");
        foreach (var exercise in key.Exercises) table.AddColumn(new TableColumn(Markup.Escape(exercise.Id)).RightAligned());
        table.AddColumn(new TableColumn("Total").RightAligned());
        foreach (var grade in grades)
        {
            var row = new List<string> { Markup.Escape(grade.Student) };
            row.AddRange(grade.Exercises.Select(e => $"[{(e.Passed ? "green" : e.Points > 0 ? "yellow" : "red")}]{Score(e.Points, e.MaxPoints)}[/]"));
            row.Add($"[bold]{Score(grade.Points, grade.MaxPoints)}[/]");
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        foreach (var grade in grades)
        {
            if (grade.Problem is not null) console.MarkupLine($"[red]{Markup.Escape(grade.Student)}[/]: {Markup.Escape(grade.Problem)}");
            foreach (var exercise in grade.Exercises.Where(e => !e.Passed))
                console.MarkupLine($"  {Markup.Escape(grade.Student)} · {Markup.Escape(exercise.Id)}: {Markup.Escape(exercise.Reason)}");
        }
    }

    /// <summary>One row per student: points per exercise, total, maximum, and the problem if any. Written atomically.</summary>
    public static void WriteCsv(string path, GradingKey key, IReadOnlyList<SubmissionGrade> grades) =>
        AtomicFile.WriteAllText(path, Csv(key, grades));

    public static string Csv(GradingKey key, IReadOnlyList<SubmissionGrade> grades)
    {
        var csv = new StringBuilder();
        var header = new List<string> { "student", "submission" };
        header.AddRange(key.Exercises.Select(e => e.Id));
        header.AddRange(["total", "max", "problem"]);
        csv.AppendLine(string.Join(",", header.Select(Field)));
        foreach (var grade in grades)
        {
            var row = new List<string> { grade.Student, grade.SubmissionPath };
            row.AddRange(grade.Exercises.Select(e => Number(e.Points)));
            row.AddRange([Number(grade.Points), Number(grade.MaxPoints), grade.Problem ?? ""]);
            csv.AppendLine(string.Join(",", row.Select(Field)));
        }
        return csv.ToString();
    }

    public static string Score(double points, double max) => $"{Number(points)}/{Number(max)}";

    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
