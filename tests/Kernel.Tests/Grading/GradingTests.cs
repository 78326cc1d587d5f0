using System.Globalization;
using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>
/// End to end, in real worker processes: assign the exercise notebook, grade the teacher's source, the untouched
/// student copy and a partly solved copy in one run, and read the table, the CSV and the feedback.
/// </summary>
public sealed class GradingTests
{
    // Generous: each worker pays ~1-2 s of Roslyn and TorchSharp start-up, more on a loaded CI machine.
    static readonly GradingLimits Limits = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Source_gets_full_marks_student_copy_zero_and_a_partial_solution_partial_credit()
    {
        using var dir = new TempDir();
        var (studentPath, keyPath) = Assigner.Write(GradingAssets.Exercises, Path.Combine(dir.Path, "out"));
        var key = GradingKey.Load(keyPath);
        // Solves ex1; ex2 with the naive softmax (passes the visible check, overflows in the hidden one); leaves ex3.
        string partial = GradingAssets.Submission(Notebook.Load(studentPath), Path.Combine(dir.Path, "partial.ipynb"),
            ("ex1-sigmoid", "Tensor Sigmoid(Tensor x) => torch.sigmoid(x);"),
            ("ex2-softmax", "Tensor Softmax(Tensor logits) => logits.exp() / logits.exp().sum(-1, keepdim: true);"));
        string teacher = Path.Combine(dir.Path, "teacher.ipynb");
        File.Copy(GradingAssets.Exercises, teacher);
        string csv = Path.Combine(dir.Path, "class.csv");
        string feedback = Path.Combine(dir.Path, "feedback");
        var (console, text) = GradingAssets.Console();

        // Two at a time: results still come back in the order given.
        var grades = await ClassGrading.RunAsync(key, [teacher, studentPath, partial], Limits, console, csv, feedback, TestContext.Current.CancellationToken, jobs: 2);

        var (source, untouched, partly) = (grades[0], grades[1], grades[2]);
        Assert.True(source.Exercises.All(e => e.Passed), Explain(source));
        Assert.Equal(7, source.Points);

        Assert.Equal(0, untouched.Points);
        Assert.All(untouched.Exercises, e => Assert.Contains("NotImplementedException", e.Reason));

        Assert.Equal([2.0, 1.0, 0.0], partly.Exercises.Select(e => e.Points));
        Assert.Contains("overflow", partly.Exercises[1].Reason);       // the hidden check's own message
        Assert.Contains("NaN", partly.Exercises[1].Reason);
        Assert.Contains("NotImplementedException", partly.Exercises[2].Reason);
        Assert.Null(partly.Problem);

        // The CSV, parsed back: one row per student, points per exercise.
        var rows = File.ReadAllLines(csv).Select(l => l.Split(',')).ToList();
        Assert.Equal(["student", "submission", "ex1-sigmoid", "ex2-softmax", "ex3-gradient-step", "total", "max", "problem"], rows[0]);
        Assert.Equal(["teacher", "exercises", "partial"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal([7.0, 0.0, 3.0], rows.Skip(1).Select(r => double.Parse(r[5], CultureInfo.InvariantCulture)));
        Assert.All(rows.Skip(1), r => Assert.Equal("7", r[6]));

        // The table names every student with their total.
        string table = text.ToString();
        Assert.Contains("7/7", table);
        Assert.Contains("3/7", table);

        // Feedback: one notebook per student, loadable, with the score and every exercise.
        var partlyFeedback = Notebook.Load(Path.Combine(feedback, "partial.feedback.ipynb"));
        Assert.Contains("Score: 3/7", partlyFeedback.Cells[0].Source);
        Assert.Contains(partlyFeedback.Cells, c => c.Source.StartsWith("**Hidden check** of `ex2-softmax`") && c.Source.Contains("failed"));

        // Hidden checks reach no file a student sees, and no line of the report.
        foreach (string file in Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Where(f => !f.Contains("teacher")))
            Assert.DoesNotContain(GradingAssets.HiddenMarker, File.ReadAllText(file));
        Assert.DoesNotContain(GradingAssets.HiddenMarker, table);
    }

    [Fact]
    public async Task Self_check_runs_only_the_visible_checks_of_the_student_copy()
    {
        using var dir = new TempDir();
        var (studentPath, _) = Assigner.Write(GradingAssets.Exercises, dir.Path);
        // The naive softmax passes every visible check; only the hidden overflow check (absent here) would catch it.
        string solved = GradingAssets.Submission(Notebook.Load(studentPath), Path.Combine(dir.Path, "solved.ipynb"),
            ("ex1-sigmoid", "Tensor Sigmoid(Tensor x) => 1 / (1 + (-x).exp());"),
            ("ex2-softmax", "Tensor Softmax(Tensor logits) => logits.exp() / logits.exp().sum(-1, keepdim: true);"));
        var key = ClassGrading.SelfKey(solved);
        Assert.Equal(4, key.MaxPoints);   // 1 + 1 + 2 visible points; the hidden 3 are not in the student copy
        var (console, _) = GradingAssets.Console();

        var grade = (await ClassGrading.RunAsync(key, [solved], Limits, console, cancellationToken: TestContext.Current.CancellationToken)).Single();

        Assert.Equal([1.0, 1.0, 0.0], grade.Exercises.Select(e => e.Points));
        Assert.Contains("NotImplementedException", grade.Exercises[2].Reason);
    }

    [Fact]
    public async Task Parameters_reach_the_submission_and_cell_numbers_stay_those_of_the_students_file()
    {
        using var dir = new TempDir();
        var notebook = Notebook.Create();
        notebook.AddCell("markdown", "# Quick or full");
        notebook.AddCell("code", "var quick = false;").Metadata["tags"] = new System.Text.Json.Nodes.JsonArray("parameters");
        notebook.AddCell("code", "// exercise: ex1\nint steps = quick ? 10 : 1000;");
        notebook.AddCell("code", "// exercise: ex1 check points: 1\nLearnLM.Grading.Check.That(steps == 10, $\"graded with quick settings, got {steps} steps\");");
        notebook.AddCell("code", "// exercise: ex2\nint answer = int.Parse(\"forty-two\");");
        notebook.AddCell("code", "// exercise: ex2 check points: 1\nLearnLM.Grading.Check.That(answer == 42, \"the answer\");");
        string path = Path.Combine(dir.Path, "quick.ipynb");
        notebook.Save(path);
        var key = ClassGrading.SelfKey(path);
        var (console, _) = GradingAssets.Console();

        var full = (await ClassGrading.RunAsync(key, [path], Limits, console, cancellationToken: TestContext.Current.CancellationToken)).Single();
        var quick = (await ClassGrading.RunAsync(key, [path], Limits, console, cancellationToken: TestContext.Current.CancellationToken,
            parameters: new Dictionary<string, string> { ["quick"] = "true" })).Single();

        Assert.False(full.Exercises[0].Passed);
        Assert.Contains("got 1000 steps", full.Exercises[0].Reason);
        Assert.True(quick.Exercises[0].Passed, Explain(quick));
        // The injected cell is not the student's: the failing cell is still cell 5 of their file.
        Assert.Contains("cell 5 failed", quick.Exercises[1].Reason);
        Assert.Contains("cell 5 failed", full.Exercises[1].Reason);
    }

    static string Explain(SubmissionGrade grade) =>
        $"{grade.Student}: {grade.Problem} " + string.Join("; ", grade.Exercises.Select(e => $"{e.Id} {e.Points}/{e.MaxPoints} {e.Reason}")) +
        "\nstderr: " + grade.Run?.Stderr;
}
