using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;
using LearnLM.Tests.Common;
using Spectre.Console;

namespace LearnLM.Kernel.Tests.Grading;

static class GradingAssets
{
    /// <summary>Planted in every hidden check of exercises.ipynb; must never reach a student-visible file.</summary>
    public const string HiddenMarker = "7f3a9c";

    public static string Exercises => Path.Combine(SharedData.RepoRoot, "tests", "Kernel.Tests", "Grading", "Assets", "exercises.ipynb");

    /// <summary>Writes a copy of <paramref name="notebook"/> whose solution cells of the given exercises are replaced.</summary>
    public static string Submission(Notebook notebook, string path, params (string Exercise, string Code)[] solutions)
    {
        var copy = notebook.Clone();
        foreach (var (exercise, code) in solutions)
        {
            var cell = copy.Cells.Select((c, i) => (c, i)).Single(x => ExerciseMarker.Read(x.c, x.i + 1) is { Role: ExerciseRole.Solution } m && m.ExerciseId == exercise).c;
            cell.Source = $"// exercise: {exercise}\n{code}";
        }
        copy.Save(path);
        return path;
    }

    public static (IAnsiConsole Console, StringWriter Text) Console()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 200;
        return (console, text);
    }
}

sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("learnlm-grading-test-").FullName;
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
