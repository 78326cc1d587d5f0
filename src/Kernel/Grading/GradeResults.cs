using LearnLM.Kernel.Grading.Worker;

namespace LearnLM.Kernel.Grading;

/// <summary>One check's verdict. <see cref="Reason"/> is empty when it passed; for hidden checks it never quotes their code.</summary>
public sealed record CheckVerdict(bool Hidden, double Points, bool Passed, string Reason);

/// <summary>An exercise's score: the points of the checks that positively passed.</summary>
public sealed record ExerciseGrade(string Id, IReadOnlyList<CheckVerdict> Checks)
{
    public double Points => Checks.Where(c => c.Passed).Sum(c => c.Points);
    public double MaxPoints => Checks.Sum(c => c.Points);
    public bool Passed => Checks.All(c => c.Passed);
    /// <summary>Why the first failing check failed; empty when all passed.</summary>
    public string Reason => Checks.FirstOrDefault(c => !c.Passed)?.Reason ?? "";
}

/// <summary>
/// One student's result. <see cref="Plan"/> and <see cref="Run"/> are what ran and what the worker reported,
/// for the feedback notebook. Chapter 1 (setup) introduces exercises and grading.
/// </summary>
/// <param name="Problem">What went wrong with the submission as a whole (unreadable, timeout, crash), if anything.</param>
public sealed record SubmissionGrade(
    string Student,
    string SubmissionPath,
    IReadOnlyList<ExerciseGrade> Exercises,
    string? Problem,
    TimeSpan Elapsed,
    IReadOnlyList<PlannedCell> Plan,
    WorkerRun? Run)
{
    public double Points => Exercises.Sum(e => e.Points);
    public double MaxPoints => Exercises.Sum(e => e.MaxPoints);
}
