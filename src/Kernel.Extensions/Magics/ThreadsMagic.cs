using LearnLM.Kernel.Extensions.Hosts;
using TorchSharp;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!threads N</c>: how many CPU threads torch's operations use (chapter 13).</summary>
public sealed class ThreadsMagic : IMagic
{
    public string Name => "threads";
    public string Summary => "Show or set how many CPU threads torch uses (torch.set_num_threads).";
    public string Help => """
        #!threads        show how many threads torch uses and how many logical processors there are
        #!threads N      use N threads (N ≥ 1); more than the logical processors only adds contention
        Example:  #!threads 1
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 0, 1);
        if (args.Count == 1)
            torch.set_num_threads((int)MagicArguments.Integer(this, args[0], "the thread count", 1, 1024));
        context.Host.WriteStream(OutputStream.Stdout,
            $"torch uses {torch.get_num_threads()} threads ({Environment.ProcessorCount} logical processors).\n");
        return Task.CompletedTask;
    }
}
