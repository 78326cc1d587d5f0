using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Grading;

public enum PlannedKind { Markdown, Student, Check, HiddenCheck }

/// <summary>One step of grading a submission, in the order it runs.</summary>
/// <param name="SubmissionCell">0-based index of the cell in the submission file it came from; null for checks from the key and for injected parameters.</param>
public sealed record PlannedCell(PlannedKind Kind, string Source, string? ExerciseId, double Points, int? SubmissionCell)
{
    public bool IsCheck => Kind is PlannedKind.Check or PlannedKind.HiddenCheck;
    public bool Runs => Kind != PlannedKind.Markdown;
}

/// <summary>
/// What runs when a submission is graded. The student's cells run in their order, except their copies of check
/// cells: the key's checks replace them (a student cannot weaken a check), each exercise's checks placed right
/// after the last cell of that exercise in the submission (at the end when the student removed its marker), so
/// they see the state the exercise left. Chapter 1 (setup) introduces exercises.
/// </summary>
public static class GradingPlan
{
    public static IReadOnlyList<PlannedCell> ForKey(GradingKey key, Notebook submission)
    {
        var plan = new List<PlannedCell>();
        var cells = submission.Cells;
        int injected = 0;   // cells the grader added: the student's cell numbers are counted without them
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Tags.Contains(NotebookParameters.InjectedTag)) { injected++; plan.Add(new PlannedCell(PlannedKind.Student, cell.Source, null, 0, null)); continue; }
            int inFile = i - injected;
            if (cell.CellType == "markdown") { plan.Add(new PlannedCell(PlannedKind.Markdown, cell.Source, null, 0, inFile)); continue; }
            if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source)) continue;
            var marker = ReadLeniently(cell, inFile + 1);
            if (marker is { IsCheck: true }) continue;
            plan.Add(new PlannedCell(PlannedKind.Student, cell.Source, marker?.ExerciseId, 0, inFile));
        }
        foreach (var exercise in key.Exercises)
        {
            int last = plan.FindLastIndex(p => p.ExerciseId == exercise.Id);
            var checks = exercise.Checks.Select(c =>
                new PlannedCell(c.Hidden ? PlannedKind.HiddenCheck : PlannedKind.Check, c.Source, exercise.Id, c.Points, null));
            plan.InsertRange(last < 0 ? plan.Count : last + 1, checks);
        }
        return plan;
    }

    /// <summary>
    /// A key made of a notebook's own visible checks, for `learnlm grade --self`: what a student runs before
    /// handing in. Hidden checks (present only in the teacher's source) are left out.
    /// </summary>
    public static GradingKey SelfKey(Notebook notebook, string name)
    {
        var exercises = new List<(string Id, List<KeyCheck> Checks)>();
        var cells = notebook.Cells;
        for (int i = 0; i < cells.Count; i++)
        {
            var marker = ReadLeniently(cells[i], i + 1);
            if (marker is null) continue;
            int index = exercises.FindIndex(e => e.Id == marker.ExerciseId);
            if (index < 0) { exercises.Add((marker.ExerciseId, [])); index = exercises.Count - 1; }
            if (marker.Role == ExerciseRole.Check) exercises[index].Checks.Add(new KeyCheck(cells[i].Source, false, marker.Points, i + 1));
        }
        return new GradingKey(GradingKey.CurrentFormat, name,
            exercises.Where(e => e.Checks.Count > 0).Select(e => new KeyExercise(e.Id, e.Checks)).ToList());
    }

    // A student may have mangled a marker line; their cell still runs as an ordinary cell.
    static ExerciseMarker? ReadLeniently(NotebookCell cell, int cellNumber)
    {
        try { return ExerciseMarker.Read(cell, cellNumber); }
        catch (GradingFormatException) { return null; }
    }
}
