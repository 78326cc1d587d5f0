namespace LearnLM.Tests;

/// <summary>
/// Tests that seed libtorch's process-wide random generator and then rely on what it draws (weight initialisation,
/// dropout masks). Run in parallel with other tests, another thread's draws could land in between; this
/// collection runs on its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomCollection
{
    public const string Name = "Global random generator";
}
