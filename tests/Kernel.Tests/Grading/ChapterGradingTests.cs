using System.Diagnostics;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>
/// The chapters' exercises are gradeable: the teacher's chapter grades full marks and the untouched student copy
/// made by `learnlm assign` grades zero, naming each exercise. Chapter 1 is the quickest to run.
/// </summary>
public sealed class ChapterGradingTests
{
    [Fact]
    public void Chapter_one_grades_full_marks_for_the_solutions_and_zero_for_the_student_copy()
    {
        string dir = Directory.CreateTempSubdirectory("learnlm-chapter-grading-").FullName;
        try
        {
            string chapter = Path.Combine(SharedData.RepoRoot, "notebooks", "01-setup-and-tensors.ipynb");
            var (assignExit, assignLog) = Learnlm(["assign", chapter, "--out", dir]);
            Assert.True(assignExit == 0, assignLog);
            string key = Path.Combine(dir, "teacher", "01-setup-and-tensors.key.json");
            string student = Path.Combine(dir, "student", "01-setup-and-tensors.ipynb");
            string csv = Path.Combine(dir, "class.csv");

            var (_, gradeLog) = Learnlm(["grade", key, chapter, student, "--csv", csv]);
            var rows = File.ReadAllLines(csv);
            Assert.True(rows.Length == 3, gradeLog);
            var header = rows[0].Split(',');
            int total = Array.IndexOf(header, "total"), max = Array.IndexOf(header, "max");
            var exercises = header.Skip(2).Take(total - 2).ToList();
            Assert.NotEmpty(exercises);

            var teacher = rows.Skip(1).Single(r => r.Contains("notebooks")).Split(',');
            Assert.Equal(teacher[max], teacher[total]);
            var untouched = rows.Skip(1).Single(r => r.Contains("student")).Split(',');
            Assert.Equal("0", untouched[total]);
            // The report names every exercise that failed, with its reason.
            foreach (var exercise in exercises) Assert.Contains(exercise + ":", gradeLog);
            Assert.Contains("NotImplementedException", gradeLog);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static (int Exit, string Output) Learnlm(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "learnlm.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SharedData.RepoRoot,
        };
        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); return (-1, "timed out\n" + stdout); }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
