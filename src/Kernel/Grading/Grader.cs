using System.Text.RegularExpressions;
using LearnLM.Kernel.Grading.Worker;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Grading;

/// <summary>
/// `learnlm grade`: runs each submission in its own worker process against a grading key and scores it.
/// The rule (unlike nbgrader's #427, where a dead kernel meant "passed"): a check passes only when the worker
/// positively reported that its cell ran to the end without an error. Chapter 1 (setup) introduces grading.
/// </summary>
public static partial class Grader
{
    /// <param name="parameters">Values injected after the submission's parameters cell, as <c>learnlm run --param</c> does.</param>
    public static async Task<SubmissionGrade> GradeAsync(GradingKey key, string submissionPath, string student, GradingLimits limits,
        CancellationToken cancellationToken = default, IReadOnlyDictionary<string, string>? parameters = null)
    {
        Notebook submission;
        try
        {
            submission = Notebook.Load(submissionPath);
            NotebookParameters.Inject(submission, parameters ?? new Dictionary<string, string>());
        }
        catch (Exception e) when (e is NotebookFormatException or ArgumentException)
        {
            string reason = $"the submission could not be read: {e.Message}";
            return new SubmissionGrade(student, submissionPath, Unrun(key, reason), reason, TimeSpan.Zero, [], null);
        }

        var plan = GradingPlan.ForKey(key, submission);
        var running = plan.Where(p => p.Runs).ToList();
        var job = new WorkerJob(running.Select(p => p.Source).ToList(), limits.CellTimeout.TotalSeconds, limits.OutputLimit);
        var run = await WorkerProcess.RunAsync(job, limits, cancellationToken);

        string studentText = string.Join("\n", plan.Where(p => p.Kind == PlannedKind.Student).Select(p => p.Source));
        string? problem = Describe(run.Problem, running);
        var exercises = key.Exercises.Select(exercise => new ExerciseGrade(exercise.Id,
            running.Select((cell, index) => (cell, index))
                .Where(c => c.cell.IsCheck && c.cell.ExerciseId == exercise.Id)
                .Select(c => Verdict(c.cell, run.Ends[c.index], problem, studentText, FailedStudentCell(running, run, exercise.Id, c.index)))
                .ToList())).ToList();
        return new SubmissionGrade(student, submissionPath, exercises, problem, run.Elapsed, plan, run);
    }

    static CheckVerdict Verdict(PlannedCell check, WorkerEvent? end, string? problem, string studentText, string? studentFailure)
    {
        bool hidden = check.Kind == PlannedKind.HiddenCheck;
        if (end is null)
            return new CheckVerdict(hidden, check.Points, false, problem is null ? "not run" : $"not run: {problem}");
        string reason = end.Status switch
        {
            CellStatus.Ok => "",
            CellStatus.Timeout => "timed out: the check did not finish in time",
            _ => ErrorReason(end.Error, hidden, studentText),
        };
        if (end.Status == CellStatus.Ok) return new CheckVerdict(hidden, check.Points, true, "");
        // The exercise's own cell failing first is usually the real story (e.g. Sigmoid never got defined).
        return new CheckVerdict(hidden, check.Points, false, studentFailure is null ? reason : $"{studentFailure}; then the check: {reason}");
    }

    // The first of the exercise's own cells, before this check, that ended in an error, as "cell N failed: …".
    static string? FailedStudentCell(IReadOnlyList<PlannedCell> running, WorkerRun run, string exercise, int before)
    {
        for (int i = 0; i < before; i++)
        {
            if (running[i] is { Kind: PlannedKind.Student, SubmissionCell: int n } cell && cell.ExerciseId == exercise
                && run.Ends[i] is { Status: not CellStatus.Ok } end)
                return $"cell {n + 1} failed: " + (end.Status == CellStatus.Timeout ? "timed out" : ErrorReason(end.Error, false, ""));
        }
        return null;
    }

    /// <summary>The reason a student reads: the check's own message, or the exception's type and message.</summary>
    public static string ErrorReason(WorkerError? error, bool hidden, string studentText)
    {
        if (error is null) return "failed without an error message";
        string name = error.Name.Split('.')[^1];
        if (name == "CheckFailedException") return $"check failed: {error.Value}";
        if (name == "CompilationError")
        {
            // A compile error can quote a hidden check's own identifiers; say only what the student's code shows.
            if (hidden && QuotedNames().Matches(error.Value).Any(m => !studentText.Contains(m.Groups[1].Value, StringComparison.Ordinal)))
                return "a hidden check does not compile against this code: are the names and signatures the exercise asks for all there?";
            return $"does not compile: {error.Value}";
        }
        return $"{name}: {error.Value}";
    }

    static string? Describe(WorkerProblem? problem, IReadOnlyList<PlannedCell> running)
    {
        if (problem is null) return null;
        if (problem.Cell is not int cell || cell >= running.Count) return problem.Message;
        var planned = running[cell];
        string where = planned.Kind switch
        {
            PlannedKind.Student when planned.SubmissionCell is int n => $"in cell {n + 1}",
            PlannedKind.Student => "in the injected parameters",
            PlannedKind.HiddenCheck => $"in a hidden check of {planned.ExerciseId}",
            _ => $"in a check of {planned.ExerciseId}",
        };
        return $"{problem.Message} ({where})";
    }

    static IReadOnlyList<ExerciseGrade> Unrun(GradingKey key, string reason) =>
        key.Exercises.Select(e => new ExerciseGrade(e.Id, e.Checks.Select(c => new CheckVerdict(c.Hidden, c.Points, false, reason)).ToList())).ToList();

    [GeneratedRegex(@"'([^'\s]+)'")]
    private static partial Regex QuotedNames();
}
