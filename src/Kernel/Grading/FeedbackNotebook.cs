using System.Text;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Grading.Worker;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// The notebook a student gets back: a score summary, then their cells with the outputs of the graded run (cut
/// at the output limit), the visible checks with their verdicts, and for each hidden check only its verdict and
/// reason — never its code or output.
/// </summary>
public static class FeedbackNotebook
{
    public static Notebook Build(SubmissionGrade grade)
    {
        var notebook = Notebook.Create();
        notebook.AddCell("markdown", Summary(grade));
        int runIndex = 0;
        var checkIndex = new Dictionary<string, int>();
        foreach (var planned in grade.Plan)
        {
            if (planned.Kind == PlannedKind.Markdown) { notebook.AddCell("markdown", planned.Source); continue; }
            var end = grade.Run is { } run && runIndex < run.Ends.Count ? run.Ends[runIndex] : null;
            runIndex++;
            if (planned.Kind == PlannedKind.HiddenCheck)
            {
                notebook.AddCell("markdown", $"**Hidden check** of `{planned.ExerciseId}` ({Points(planned.Points)}): {VerdictText(grade, planned)}");
                continue;
            }
            var cell = notebook.AddCell("code", planned.Source);
            if (end is not null) Fill(cell, end);
            if (planned.Kind == PlannedKind.Check)
                notebook.AddCell("markdown", $"**Check** of `{planned.ExerciseId}` ({Points(planned.Points)}): {VerdictText(grade, planned)}");
        }
        return notebook;

        string VerdictText(SubmissionGrade grade, PlannedCell check)
        {
            // Verdicts of one exercise are in the order its checks ran.
            int n = checkIndex.TryGetValue(check.ExerciseId!, out int seen) ? seen : 0;
            checkIndex[check.ExerciseId!] = n + 1;
            var verdict = grade.Exercises.First(e => e.Id == check.ExerciseId).Checks[n];
            return verdict.Passed ? "✅ passed" : $"❌ failed — {verdict.Reason}";
        }
    }

    public static string Summary(SubmissionGrade grade)
    {
        var text = new StringBuilder($"# Feedback for {grade.Student}\n\n**Score: {GradeReport.Score(grade.Points, grade.MaxPoints)}**\n\n");
        if (grade.Problem is not null) text.Append($"⚠️ {grade.Problem}\n\n");
        text.Append("| exercise | points | result |\n| --- | --- | --- |\n");
        foreach (var exercise in grade.Exercises)
            text.Append($"| `{exercise.Id}` | {GradeReport.Score(exercise.Points, exercise.MaxPoints)} | {(exercise.Passed ? "passed" : exercise.Reason.Replace("|", "\\|").Replace("\n", " "))} |\n");
        return text.ToString();
    }

    static void Fill(NotebookCell cell, WorkerEvent end)
    {
        if (!string.IsNullOrEmpty(end.Output))
            cell.Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = end.Output });
        if (end.Result is { } result)
            cell.Outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["data"] = new JsonObject { ["text/plain"] = result } });
        if (end.Error is { } error)
            cell.Outputs.Add(new JsonObject
            {
                ["output_type"] = "error", ["ename"] = error.Name, ["evalue"] = error.Value,
                ["traceback"] = new JsonArray(error.Traceback.Take(20).Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
            });
        if (end.Status == CellStatus.Timeout)
            cell.Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stderr", ["text"] = "The cell was stopped: it ran past the cell timeout.\n" });
    }

    static string Points(double points) => points == 1 ? "1 point" : $"{GradeReport.Score(points, points).Split('/')[0]} points";
}
