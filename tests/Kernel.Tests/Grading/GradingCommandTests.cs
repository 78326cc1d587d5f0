using System.CommandLine;
using LearnLM.Kernel.Cli;
using LearnLM.Kernel.Tests.Cli;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>The command lines' argument handling; the grading itself is tested through <see cref="LearnLM.Kernel.Grading.ClassGrading"/>.</summary>
[Collection("Console")]
public sealed class GradingCommandTests
{
    static (int Exit, string Output) Run(params string[] args) =>
        ConsoleCapture.Run(() => new RootCommand { AssignCommand.Create(), GradeCommand.Create(), GradeWorkerCommand.Create() }.Parse(args).Invoke());

    [Fact]
    public void Assign_writes_the_student_copy_and_the_key_and_says_where()
    {
        using var dir = new TempDir();
        var (exit, output) = Run("assign", GradingAssets.Exercises, "--out", dir.Path);
        Assert.Equal(0, exit);
        Assert.Contains("3 exercises, 7 points, 3 hidden checks", output);
        Assert.True(File.Exists(Path.Combine(dir.Path, "student", "exercises.ipynb")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "teacher", "exercises.key.json")));
    }

    [Fact]
    public void Assign_of_a_broken_notebook_names_the_problem()
    {
        using var dir = new TempDir();
        string broken = Path.Combine(dir.Path, "broken.ipynb");
        File.WriteAllText(broken, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"// exercise: ex1 check\\n// BEGIN SOLUTION\", \"metadata\": {}}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        var (exit, output) = Run("assign", broken, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(1, exit);
        Assert.Contains("cell 1, line 2: BEGIN SOLUTION is never closed", output);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out", "student")));
    }

    [Fact]
    public void Grade_needs_a_key_and_submissions_or_self()
    {
        var (exit, output) = Run("grade", GradingAssets.Exercises);
        Assert.Equal(2, exit);
        Assert.Contains("--self", output);
        (exit, output) = Run("grade", GradingAssets.Exercises, GradingAssets.Exercises);
        Assert.Equal(1, exit);
        Assert.Contains("is not a grading key", output);
        (exit, output) = Run("grade", "--self", "--cell-timeout", "0", GradingAssets.Exercises);
        Assert.Equal(2, exit);
        Assert.Contains("--cell-timeout", output);
    }

    [Fact]
    public void The_worker_command_is_hidden_from_help()
    {
        var (_, output) = Run("--help");
        Assert.Contains("assign", output);
        Assert.Contains("grade", output);
        Assert.DoesNotContain("grade-worker", output);
    }
}
