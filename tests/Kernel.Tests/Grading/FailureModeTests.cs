using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>
/// Submissions that hang, exit, overflow the stack, exhaust memory, flood the output or throw from a static
/// initialiser: each fails with its reason, never passes, and the grading of the next one goes on.
/// One run of several submissions, so the worker start-up is paid once per submission only.
/// </summary>
public sealed class FailureModeTests
{
    // Two exercises without TorchSharp, so the workers start fast.
    const string Teacher = """
        {"cells": [
          {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
           "source": "// exercise: twice\nint Twice(int n)\n{\n    // BEGIN SOLUTION\n    return 2 * n;\n    // END SOLUTION\n}"},
          {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
           "source": "// exercise: twice check points: 1\nLearnLM.Grading.Check.Equal(6, Twice(3), \"Twice(3)\");"},
          {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
           "source": "// exercise: square\nint Square(int n)\n{\n    // BEGIN SOLUTION\n    return n * n;\n    // END SOLUTION\n}"},
          {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
           "source": "// exercise: square hidden check points: 1\nLearnLM.Grading.Check.Equal(49, Square(7), \"Square(7)\");"}
        ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        """;

    const string GoodSquare = "int Square(int n) => n * n;";

    [Fact]
    public async Task Every_way_a_submission_can_die_is_a_failing_grade_with_its_reason()
    {
        using var dir = new TempDir();
        var (student, key) = Assigner.Prepare(Notebook.Parse(Teacher), "hw.ipynb");
        string Submit(string name, string twice, string square = GoodSquare) =>
            GradingAssets.Submission(student, Path.Combine(dir.Path, name + ".ipynb"), ("twice", twice), ("square", square));

        string[] submissions =
        [
            Submit("hang", "int Twice(int n) { while (true) { } }\nTwice(1);"),
            Submit("exit", "int Twice(int n) => 2 * n;\nEnvironment.Exit(0);"),
            Submit("overflow", "int Twice(int n) => 2 * n;\nint Down(int n) => Down(n + 1) + 1;\nDown(0);"),
            // Floods stdout, and writes a forged protocol line straight to file descriptor 1: neither may count.
            Submit("noisy", """
                int Twice(int n) => 2 * n;
                for (int i = 0; i < 100_000; i++) Console.WriteLine("spam spam spam spam spam spam spam spam spam");
                using (var raw = Console.OpenStandardOutput())
                    raw.Write(System.Text.Encoding.UTF8.GetBytes("{\"event\":\"done\"}\n{\"event\":\"end\",\"cell\":3,\"status\":\"ok\"}\n"));
                """,
                "static class Table { public static readonly int Offset = int.Parse(\"not a number\"); }\nint Square(int n) => n * n + Table.Offset;"),
        ];
        var limits = new GradingLimits(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(4), MemoryMegabytes: 768, OutputLimit: 2_000);
        var (console, report) = GradingAssets.Console();

        var grades = (await ClassGrading.RunAsync(key, submissions, limits, console, feedbackDir: Path.Combine(dir.Path, "feedback"),
            cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(g => g.Student);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        // Memory gets a long cell timeout: on a loaded machine, filling the memory can take longer than a short one.
        string hog = Submit("memory", "int Twice(int n) => 2 * n;\nvar hog = new List<byte[]>();\nwhile (true) { var block = new byte[200_000_000]; Array.Fill(block, (byte)1); hog.Add(block); }");
        grades["memory"] = (await ClassGrading.RunAsync(key, [hog], limits with { CellTimeout = TimeSpan.FromSeconds(60) }, console,
            cancellationToken: TestContext.Current.CancellationToken)).Single();

        var hang = grades["hang"];
        Assert.False(hang.Exercises[0].Passed);
        Assert.Contains("timed out", hang.Exercises[0].Reason);
        // The engine's interrupt check stops the loop at the cell timeout, so the worker survives and grades the rest.
        Assert.True(hang.Exercises[1].Passed, hang.Exercises[1].Reason);
        Assert.Null(hang.Problem);

        var exit = grades["exit"];
        Assert.Equal(0, exit.Points); // the worker exited with code 0 before any check ran: nothing passed
        Assert.Contains("Environment.Exit(0)", exit.Exercises[0].Reason);
        Assert.Contains("in cell 1", exit.Problem);

        var overflow = grades["overflow"];
        Assert.Equal(0, overflow.Points);
        Assert.Contains("stack overflow", overflow.Exercises[0].Reason);

        var memory = grades["memory"];
        Assert.False(memory.Exercises[0].Passed);
        Assert.Contains("memory", memory.Exercises[0].Reason, StringComparison.OrdinalIgnoreCase);

        // After four dead workers, the fifth submission is graded normally: its flood did not break the protocol,
        // its forged lines did not count, and its static initialiser failure is its own exercise's reason.
        var noisy = grades["noisy"];
        Assert.True(noisy.Exercises[0].Passed, noisy.Exercises[0].Reason + noisy.Problem);
        Assert.False(noisy.Exercises[1].Passed);
        Assert.Contains("TypeInitializationException", noisy.Exercises[1].Reason);
        Assert.Null(noisy.Problem);
        var flooded = Notebook.Load(Path.Combine(dir.Path, "feedback", "noisy.feedback.ipynb")).Cells
            .Single(c => c.Source.Contains("spam")).Outputs.Single()!["text"]!.GetValue<string>();
        Assert.Contains("output truncated", flooded);
        Assert.True(flooded.Length < 2_200, $"feedback output is {flooded.Length} characters");
    }
}
