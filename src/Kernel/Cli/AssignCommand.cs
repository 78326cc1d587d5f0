using System.CommandLine;
using LearnLM.Kernel.Grading;
using LearnLM.Kernel.Notebooks;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm assign SOURCE.ipynb --out DIR`: writes the student copy (DIR/student/) and the grading key
/// (DIR/teacher/) of an exercise notebook. The format is in Grading/README.md.
/// </summary>
public static class AssignCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The teacher's exercise notebook, with solutions and hidden checks." };
        var output = new Option<string>("--out") { Description = "Folder for student/NAME.ipynb and teacher/NAME.key.json.", Required = true };
        var command = new Command("assign", "Make the student copy and the grading key of an exercise notebook.") { source, output };
        command.SetAction(parse => Run(parse.GetValue(source)!, parse.GetValue(output)!));
        return command;
    }

    static int Run(string source, string outDir)
    {
        try
        {
            var (studentPath, keyPath) = Assigner.Write(source, outDir);
            var key = GradingKey.Load(keyPath);
            int hidden = key.Exercises.Sum(e => e.Checks.Count(c => c.Hidden));
            Console.WriteLine($"{key.Exercises.Count} exercises, {GradeReport.Score(key.MaxPoints, key.MaxPoints).Split('/')[0]} points, {hidden} hidden checks");
            Console.WriteLine($"student copy: {studentPath}");
            Console.WriteLine($"grading key:  {keyPath}  (keep it from students: it holds the hidden checks)");
            return 0;
        }
        catch (Exception e) when (e is NotebookFormatException or GradingFormatException)
        {
            Console.Error.WriteLine($"learnlm assign: {e.Message}");
            return 1;
        }
    }
}
