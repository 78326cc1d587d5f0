using LearnLM.Devices;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!seed N</c>: makes the following cells repeatable (chapter 5).</summary>
public sealed class SeedMagic : IMagic
{
    public string Name => "seed";
    public string Summary => "Seed torch (CPU and CUDA) and Seeding.Random so runs repeat.";
    public string Help => """
        #!seed N

        N is a whole number ≥ 0. Seeds torch.manual_seed (and every CUDA device), and replaces Seeding.Random,
        the System.Random notebook code should draw from. Give LearnLM's loaders seed: Seeding.Current too.
        Example:  #!seed 42
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 1, 1);
        long seed = MagicArguments.Integer(this, args[0], "the seed", 0);
        Seeding.Seed(seed);
        context.Host.WriteStream(OutputStream.Stdout, $"Seeded torch and Seeding.Random with {seed}.\n");
        return Task.CompletedTask;
    }
}
