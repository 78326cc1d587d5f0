using System.CommandLine;
using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;
using Spectre.Console;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm grade KEY SUBMISSION… [--param key=value]… [--timeout S] [--cell-timeout S] [--memory MB] [--csv FILE] [--feedback DIR]`,
/// or `learnlm grade --self NOTEBOOK` for a student's own check of the visible checks.
/// </summary>
public static class GradeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "The grading key, then the submissions (with --self: the notebooks to check).", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one submission may run in all.", DefaultValueFactory = _ => GradingLimits.Default.NotebookTimeout.TotalSeconds };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "Seconds one cell may run.", DefaultValueFactory = _ => GradingLimits.Default.CellTimeout.TotalSeconds };
        var memory = new Option<int>("--memory") { Description = "Megabytes of memory one submission may use.", DefaultValueFactory = _ => GradingLimits.Default.MemoryMegabytes };
        var csv = new Option<string?>("--csv") { Description = "Write the class's points to this CSV file." };
        var feedback = new Option<string?>("--feedback") { Description = "Write a feedback notebook per student into this folder." };
        var self = new Option<bool>("--self") { Description = "Run a notebook's own visible checks; no key needed." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "key=value for each submission's cell tagged 'parameters' (e.g. quick=true to grade a chapter with its quick settings); repeat for more." };
        var jobs = new Option<int>("--jobs") { Description = "Submissions graded at once, each in its own process.", DefaultValueFactory = _ => 1 };
        var command = new Command("grade", "Grade submissions against a grading key, each in its own process.")
            { files, parameters, timeout, cellTimeout, memory, csv, feedback, self, jobs };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(files)!, parse.GetValue(parameters) ?? [], parse.GetValue(self),
            new GradingLimits(TimeSpan.FromSeconds(parse.GetValue(timeout)), TimeSpan.FromSeconds(parse.GetValue(cellTimeout)), parse.GetValue(memory)),
            parse.GetValue(csv), parse.GetValue(feedback), parse.GetValue(jobs), cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(string[] files, string[] parameterArgs, bool self, GradingLimits limits, string? csv, string? feedback, int jobs, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> parameters;
        try { parameters = NotebookParameters.Parse(parameterArgs); }
        catch (ArgumentException e) { Console.Error.WriteLine($"learnlm grade: {e.Message}"); return 2; }
        if (limits.NotebookTimeout <= TimeSpan.Zero || limits.CellTimeout <= TimeSpan.Zero || limits.MemoryMegabytes < 256 || jobs < 1)
        {
            Console.Error.WriteLine("learnlm grade: --timeout and --cell-timeout must be positive, --memory at least 256 (MB), --jobs at least 1.");
            return 2;
        }
        var console = AnsiConsole.Console;
        try
        {
            if (self)
            {
                int failed = 0;
                foreach (string notebook in files)
                {
                    var key = ClassGrading.SelfKey(notebook);
                    if (key.Exercises.Count == 0) { Console.Error.WriteLine($"learnlm grade --self: {notebook} has no check cells."); return 1; }
                    var grades = await ClassGrading.RunAsync(key, [notebook], limits, console, csv, feedback, cancellationToken, parameters: parameters);
                    failed += grades.Count(g => g.Points < g.MaxPoints);
                }
                return failed == 0 ? 0 : 1;
            }
            if (files.Length < 2)
            {
                Console.Error.WriteLine("learnlm grade: give the grading key, then one or more submissions (or --self NOTEBOOK to run its visible checks).");
                return 2;
            }
            await ClassGrading.RunAsync(GradingKey.Load(files[0]), files[1..], limits, console, csv, feedback, cancellationToken, jobs, parameters);
            return 0;
        }
        catch (Exception e) when (e is GradingFormatException or NotebookFormatException)
        {
            Console.Error.WriteLine($"learnlm grade: {e.Message}");
            return 1;
        }
    }
}
