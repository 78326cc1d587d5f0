using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>The grader's own deadline, which holds even when no single cell is too slow: the worker is killed.</summary>
public sealed class NotebookTimeoutTests
{
    [Fact]
    public async Task A_notebook_over_its_total_time_is_killed_and_its_unrun_checks_fail()
    {
        using var dir = new TempDir();
        var teacher = Notebook.Create();
        teacher.AddCell("code", "// exercise: slow\nint Answer()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}");
        teacher.AddCell("code", "// exercise: slow check\nCheck.Equal(42, Answer());");
        var (student, key) = Assigner.Prepare(teacher, "slow.ipynb");
        // Each cell stays under the cell timeout; together they never end.
        string slow = GradingAssets.Submission(student, Path.Combine(dir.Path, "slow.ipynb"),
            ("slow", "int Answer() => 42;\nwhile (true) System.Threading.Thread.Sleep(100);"));
        var limits = new GradingLimits(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(600));
        var (console, _) = GradingAssets.Console();

        var grade = (await ClassGrading.RunAsync(key, [slow], limits, console, cancellationToken: TestContext.Current.CancellationToken)).Single();

        Assert.Equal(0, grade.Points);
        // Usually "(in cell 1)"; on a machine loaded enough that the worker is still starting at 20 s, before any cell.
        Assert.Contains("timed out: the notebook ran longer than 20 s", grade.Problem);
        Assert.StartsWith("not run: timed out", grade.Exercises.Single().Reason);
    }
}
