using System.Diagnostics;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Tests.Grading;

/// <summary>
/// Every chapter's exercises are gradeable: the teacher's chapter grades full marks and the untouched student copy
/// made by `learnlm assign` grades zero, naming each exercise. Graded with the chapters' quick settings
/// (`--param quick=true`), as a course would grade on students' laptops.
/// </summary>
public sealed class ChapterGradingTests
{
    [Theory]
    [MemberData(nameof(Notebooks.ChapterSeriesTests.Chapters), MemberType = typeof(Notebooks.ChapterSeriesTests))]
    public void Chapter_grades_full_marks_for_the_solutions_and_zero_for_the_student_copy(string chapterFile)
    {
        string dir = Directory.CreateTempSubdirectory("learnlm-chapter-grading-").FullName;
        try
        {
            string chapter = Path.Combine(SharedData.RepoRoot, "notebooks", chapterFile);
            string stem = Path.GetFileNameWithoutExtension(chapterFile);
            var (assignExit, assignLog) = Learnlm(["assign", chapter, "--out", dir]);
            Assert.True(assignExit == 0, assignLog);
            string key = Path.Combine(dir, "teacher", stem + ".key.json");
            string student = Path.Combine(dir, "student", chapterFile);
            string csv = Path.Combine(dir, "class.csv");

            // Generous limits: two chapters at a time share 2 CI cores with the rest of the suite.
            var (_, gradeLog) = Learnlm(["grade", key, chapter, student, "--csv", csv, "--param", "quick=true",
                "--timeout", "1200", "--cell-timeout", "600", "--memory", "4096"]);
            var rows = File.ReadAllLines(csv);
            Assert.True(rows.Length == 3, gradeLog);
            var header = rows[0].Split(',');
            int total = Array.IndexOf(header, "total"), max = Array.IndexOf(header, "max");
            var exercises = header.Skip(2).Take(total - 2).ToList();
            Assert.NotEmpty(exercises);

            var teacher = rows.Skip(1).Single(r => r.Contains("notebooks")).Split(',');
            Assert.True(teacher[max] == teacher[total], gradeLog);
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
        if (!process.WaitForExit(TimeSpan.FromMinutes(30))) { process.Kill(true); return (-1, "timed out\n" + stdout); }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
