using System.CommandLine;
using LearnLM.Kernel.Cli;

// `learnlm`: one command line for the kernel, the headless runner, the REPL, grading and data.
// Each subcommand lives in Cli/ and only parses arguments; the work is done by Execution/, Notebooks/, Protocol/.
var root = new RootCommand("LearnLM: learn deep learning in C# with TorchSharp — Jupyter kernel, notebook runner, REPL, grader.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(KernelCommand.Create());
root.Subcommands.Add(AssignCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
root.Subcommands.Add(GradeWorkerCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReplCommand.Create());
return root.Parse(args).Invoke();
