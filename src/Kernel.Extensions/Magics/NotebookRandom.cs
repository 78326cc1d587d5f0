namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>
/// The <see cref="System.Random"/> notebook code should draw from (chapter 5: runs you can repeat): <c>#!seed N</c>
/// re-creates it from N, together with LearnLM's torch seeding (<see cref="LearnLM.Devices.Seeding"/>).
/// LearnLM's loaders take their own <c>seed:</c> argument; pass them <see cref="LearnLM.Devices.Seeding.Current"/>.
/// </summary>
public static class NotebookRandom
{
    static readonly object _lock = new();
    static Random _random = new();

    /// <summary>Seeded by the last <c>#!seed</c>; unseeded before the first.</summary>
    public static Random Random
    {
        get { lock (_lock) return _random; }
    }

    public static void Reseed(long seed)
    {
        lock (_lock) _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
    }
}
