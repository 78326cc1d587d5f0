using System.Text.Json.Nodes;
using LearnLM.Kernel.Tests.Conformance;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Tests.Notebooks;

/// <summary>
/// The chapter series is the product, so every chapter runs top to bottom in CI: through `learnlm run` in quick mode
/// (each chapter asserts its own results and throws when they do not hold), and chapter 1 also through the installed
/// Jupyter kernel with nbclient, the way JupyterLab and VS Code run it.
/// </summary>
public sealed class ChapterSeriesTests
{
    public static TheoryData<string> Chapters()
    {
        var chapters = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(SharedData.RepoRoot, "notebooks"), "??-*.ipynb").Order())
            if (char.IsAsciiDigit(Path.GetFileName(path)[0]) && char.IsAsciiDigit(Path.GetFileName(path)[1]))
                chapters.Add(Path.GetFileName(path));
        return chapters;
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_runs_headless_in_quick_mode_and_its_own_checks_pass(string chapter)
    {
        var codeCells = RunQuick(chapter, new Dictionary<string, string>());
        Assert.NotEmpty(codeCells);
        Assert.All(codeCells, cell => Assert.NotNull(cell!["execution_count"]?.GetValue<int>()));
    }

    [Fact]
    public void Chapter_twelve_runs_offline_on_the_synthetic_movielens_sample()
    {
        // What a student's laptop sees: no team copy, no Debian datasets, an empty cache.
        string emptyCache = Directory.CreateTempSubdirectory("learnlm-empty-cache-").FullName;
        try
        {
            var codeCells = RunQuick("12-case-study-recommenders.ipynb",
                new() { ["LEARNLM_SHARED_DATA"] = "none", ["LEARNLM_DATA_DIR"] = emptyCache });
            string printed = string.Concat(codeCells.SelectMany(c => c!["outputs"]!.AsArray())
                .Where(o => o!["output_type"]!.GetValue<string>() == "stream").Select(o => TestNotebooks.Text(o!["text"])));
            Assert.Contains("synthetic MovieLens look-alike", printed);
            Assert.DoesNotContain("MovieLens 100K from", printed);
            Assert.Empty(Directory.EnumerateFileSystemEntries(emptyCache));   // nothing was fetched or half-written
        }
        finally { Directory.Delete(emptyCache, recursive: true); }
    }

    /// <summary>Runs one chapter with <c>quick=true</c>, fails with its log if it fails, and returns its executed code cells (none with an error).</summary>
    static List<JsonNode?> RunQuick(string chapter, Dictionary<string, string> environment)
    {
        string output = Directory.CreateTempSubdirectory("learnlm-chapter-").FullName;
        try
        {
            string learnlm = Path.Combine(AppContext.BaseDirectory, "learnlm.dll");
            var (exit, log) = InstalledKernel.RunProcess("dotnet", [learnlm, "run", Path.Combine(SharedData.RepoRoot, "notebooks", chapter),
                "--param", "quick=true", "--output", output, "--timeout", "600"], SharedData.RepoRoot, environment, TimeSpan.FromMinutes(12));
            Assert.True(exit == 0, $"{chapter} failed (exit {exit}):\n{log}");

            var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, chapter)))!;
            var codeCells = executed["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
            var errors = codeCells.SelectMany(c => c!["outputs"]!.AsArray()).Where(o => o!["output_type"]!.GetValue<string>() == "error");
            Assert.Empty(errors);
            return codeCells;
        }
        finally { Directory.Delete(output, recursive: true); }
    }

    [Fact]
    public void Chapter_one_runs_through_the_jupyter_kernel_with_nbclient()
    {
        using var kernel = InstalledKernel.Require("nbclient", "nbformat");
        string executed = Path.Combine(kernel.TempDirectory, "01.ipynb");
        var (exit, output) = kernel.ExecuteWithNbclient("notebooks/01-setup-and-tensors.ipynb", executed, TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, $"nbclient failed (exit {exit}):\n{output}");

        var outputs = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .SelectMany(c => c!["outputs"]!.AsArray()).ToList();
        Assert.DoesNotContain(outputs, o => o!["output_type"]!.GetValue<string>() == "error");
        // Rich outputs came back: tensors and tables as HTML, not only text.
        Assert.Contains(outputs, o => o!["data"]?["text/html"] is not null);
    }
}
