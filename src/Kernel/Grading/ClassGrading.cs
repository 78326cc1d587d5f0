using LearnLM.Kernel.Notebooks;
using Spectre.Console;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// Grades a class: every submission one after the other, each in its own worker, then the table, the CSV and the
/// feedback notebooks. One submission's failure is that submission's grade, never the end of the run.
/// </summary>
public static class ClassGrading
{
    /// <param name="csvPath">Where to write the class CSV, or null.</param>
    /// <param name="feedbackDir">Where to write one feedback notebook per student, or null.</param>
    /// <param name="jobs">Submissions graded at once, each in its own worker.</param>
    /// <param name="parameters">Values for each submission's parameters cell (<c>learnlm run --param</c>'s convention).</param>
    public static async Task<IReadOnlyList<SubmissionGrade>> RunAsync(
        GradingKey key, IReadOnlyList<string> submissions, GradingLimits limits, IAnsiConsole console,
        string? csvPath = null, string? feedbackDir = null, CancellationToken cancellationToken = default, int jobs = 1,
        IReadOnlyDictionary<string, string>? parameters = null)
    {
        var names = StudentNames(submissions);
        var grades = new SubmissionGrade[submissions.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, submissions.Count), parallel, async (i, token) =>
        {
            var grade = grades[i] = await Grader.GradeAsync(key, submissions[i], names[i], limits, token, parameters);
            lock (grades)
                console.MarkupLine($"[grey]graded {Markup.Escape(names[i])}: {GradeReport.Score(grade.Points, grade.MaxPoints)} in {grade.Elapsed.TotalSeconds:F1} s[/]");
            if (feedbackDir is not null)
                FeedbackNotebook.Build(grade).Save(Path.Combine(feedbackDir, names[i] + ".feedback.ipynb"));
        });
        GradeReport.WriteTable(console, key, grades);
        if (csvPath is not null) GradeReport.WriteCsv(csvPath, key, grades);
        return grades;
    }

    /// <summary>A key of the notebook's own visible checks (`learnlm grade --self`).</summary>
    public static GradingKey SelfKey(string notebookPath) =>
        GradingPlan.SelfKey(Notebook.Load(notebookPath), Path.GetFileName(notebookPath));

    /// <summary>
    /// A name per submission: the file name without extension, or — when several share it, as in
    /// submissions/alice/hw1.ipynb and submissions/bob/hw1.ipynb — the folder name.
    /// </summary>
    public static IReadOnlyList<string> StudentNames(IReadOnlyList<string> paths)
    {
        var stems = paths.Select(Path.GetFileNameWithoutExtension).ToList();
        var names = paths.Select((path, i) => stems.Count(s => s == stems[i]) == 1
            ? stems[i]!
            : $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}-{stems[i]}").ToList();
        // Still ambiguous (same folder name twice): number them rather than overwrite one student's feedback.
        return names.Select((n, i) => names.Count(m => m == n) == 1 ? n : $"{n}-{i + 1}").ToList();
    }
}
