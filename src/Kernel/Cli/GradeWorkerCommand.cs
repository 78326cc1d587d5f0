using System.CommandLine;
using LearnLM.Kernel.Grading.Worker;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm grade-worker` (hidden): the child process `learnlm grade` starts per submission. Reads its job from
/// stdin and reports on a private copy of stdout; see <see cref="GradeWorker"/>.
/// </summary>
public static class GradeWorkerCommand
{
    public static Command Create()
    {
        var command = new Command("grade-worker", "Internal: runs one submission for `learnlm grade`.") { Hidden = true };
        command.SetAction(_ => Run());
        return command;
    }

    static int Run()
    {
        var protocol = ProtocolChannel.Open();
        // File descriptor 1 now points at stderr; give Console.Out a writer over it so nothing reaches the protocol.
        Console.SetOut(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        return new GradeWorker(WorkerEngine.Create).RunAsync(Console.OpenStandardInput(), protocol).GetAwaiter().GetResult();
    }
}
