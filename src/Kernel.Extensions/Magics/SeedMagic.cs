using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!seed N</c>: makes the following cells repeatable (chapter 5).</summary>
public sealed class SeedMagic : IMagic
{
    public string Name => "seed";
    public string Summary => "Seed torch (CPU and CUDA) and NotebookRandom.Random so runs repeat.";
    public string Help => """
        #!seed N

        N is a whole number ≥ 0. Seeds torch.manual_seed and every CUDA device (LearnLM.Devices.Seeding.Seed), and
        re-creates NotebookRandom.Random, the System.Random notebook code should draw from. LearnLM's loaders take
        their own seed: argument; give them Seeding.Current.
        Example:  #!seed 42
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 1, 1);
        long seed = MagicArguments.Integer(this, args[0], "the seed", 0);
        LearnLM.Devices.Seeding.Seed(seed);
        NotebookRandom.Reseed(seed);
        context.Host.WriteStream(OutputStream.Stdout, $"Seeded torch and NotebookRandom.Random with {seed}.\n");
        return Task.CompletedTask;
    }
}
