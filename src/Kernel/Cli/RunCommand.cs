using System.CommandLine;
using LearnLM.Kernel.Notebooks;
using Spectre.Console;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm run NOTEBOOK…`: executes notebooks headlessly with the kernel's engine, writes the executed
/// notebooks (and optionally HTML reports), and exits non-zero naming the notebook, cell and error that failed.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "The .ipynb files to execute, in order.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the executed notebooks (default: beside each input, as NAME.executed.ipynb)." };
        var html = new Option<bool>("--html") { Description = "Also write a self-contained HTML report beside each executed notebook." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "key=value for the cell tagged 'parameters' (papermill's convention); repeat for more." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one cell may run before it is interrupted and the notebook fails." };
        var command = new Command("run", "Execute notebooks headlessly and write the executed .ipynb (and HTML).") { notebooks, output, html, parameters, timeout };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(notebooks)!, parse.GetValue(output), parse.GetValue(html),
            parse.GetValue(parameters) ?? [], parse.GetValue(timeout), cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(string[] paths, string? outputDir, bool html, string[] parameterArgs, double? timeoutSeconds, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> parameters;
        try { parameters = NotebookParameters.Parse(parameterArgs); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
        if (timeoutSeconds is <= 0) { Console.Error.WriteLine("--timeout must be a positive number of seconds."); return 2; }
        foreach (var path in paths)
            if (!File.Exists(path)) { Console.Error.WriteLine($"{path}: no such notebook."); return 2; }

        var options = new NotebookRunOptions(parameters, timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var summaries = new List<(string Path, NotebookRunResult? Result, string? Output, string? Problem)>();
        bool live = progressConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        if (live)
            await progressConsole.Progress().StartAsync(async context =>
            {
                foreach (var path in paths)
                {
                    var task = context.AddTask(Path.GetFileName(path), maxValue: 1);
                    summaries.Add(await RunOneAsync(path, outputDir, html, options, new Progress(p => task.Value = p.CodeCellCount == 0 ? 1 : (double)p.CodeCellsRun / p.CodeCellCount), cancellationToken));
                    task.Value = 1;
                }
            });
        else
            foreach (var path in paths) summaries.Add(await RunOneAsync(path, outputDir, html, options, null, cancellationToken));

        int failed = 0;
        foreach (var (path, result, written, problem) in summaries)
        {
            foreach (var warning in result?.Warnings ?? []) Console.Error.WriteLine($"{path}: warning: {warning}");
            if (problem is not null) { failed++; Console.WriteLine($"FAIL {path}: {problem}"); Console.Error.WriteLine($"learnlm run: {path}: {problem}"); }
            else Console.WriteLine($"ok   {path}: {result!.CellsRun} cells in {result.Elapsed.TotalSeconds:F1} s -> {written}");
        }
        Console.WriteLine($"{paths.Length} notebook(s): {paths.Length - failed} passed, {failed} failed.");
        return failed == 0 ? 0 : 1;
    }

    static async Task<(string, NotebookRunResult?, string?, string?)> RunOneAsync(string path, string? outputDir, bool html, NotebookRunOptions options,
        IProgress<CellProgress>? progress, CancellationToken cancellationToken)
    {
        Notebook notebook;
        try { notebook = Notebook.Load(path); }
        catch (NotebookFormatException e) { return (path, null, null, e.Message); }

        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        string written = outputDir is null
            ? Path.Combine(directory, Path.GetFileNameWithoutExtension(full) + ".executed.ipynb")
            : Path.Combine(Path.GetFullPath(outputDir), Path.GetFileName(full));
        if (string.Equals(written, full, StringComparison.Ordinal)) return (path, null, null, $"--output would overwrite the input notebook; choose another folder.");

        // Like Jupyter, a notebook runs in its own folder, so its relative paths mean what they meant there.
        string previous = Directory.GetCurrentDirectory();
        NotebookRunResult result;
        try
        {
            Directory.SetCurrentDirectory(directory);
            result = await NotebookRunner.RunAsync(notebook, directory, options, progress, cancellationToken);
        }
        catch (ArgumentException e) { return (path, null, null, e.Message); }
        finally { Directory.SetCurrentDirectory(previous); }

        notebook.Save(written);
        if (html) HtmlReport.Save(notebook, Path.GetFileNameWithoutExtension(full), Path.ChangeExtension(written, ".html"));
        string? problem = result.Failure is { } failure
            ? $"cell {failure.CellNumber} failed: {failure.Error.Name}: {failure.Error.Value} (executed notebook: {written})"
            : null;
        return (path, result, written, problem);
    }

    sealed class Progress(Action<CellProgress> report) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => report(value);
    }
}
