using System.Diagnostics;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Tests.Notebooks;

static class TestNotebooks
{
    /// <summary>nbformat's multi-line text: one string or a list of lines.</summary>
    public static string Text(System.Text.Json.Nodes.JsonNode? text) =>
        text is System.Text.Json.Nodes.JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : text!.GetValue<string>();

    public static Notebook Make(params (string Type, string Source)[] cells)
    {
        var notebook = Notebook.Create();
        foreach (var (type, source) in cells) notebook.AddCell(type, source);
        return notebook;
    }

    public static string SaveTemp(Notebook notebook, string name = "test.ipynb")
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("learnlm-nb").FullName, name);
        notebook.Save(path);
        return path;
    }

    /// <summary>Validates a notebook file with Jupyter's own nbformat (its JSON schema); skips when nbformat is not installed.</summary>
    public static void AssertValidNbformat(string path)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Skip($"{python} is not installed; nbformat validation skipped.");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys\ntry:\n    import nbformat\nexcept ImportError:\n    sys.exit(77)\nnbformat.validate(nbformat.read(sys.argv[1], as_version=4))\nprint('valid')");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 77) Assert.Skip("Python's nbformat is not installed; nbformat validation skipped.");
        Assert.True(process.ExitCode == 0, $"nbformat rejected {path}:\n{output}");
    }
}
