namespace LearnLM.Data.Batching;

/// <summary>
/// Which rows go in which batch, epoch after epoch: in order, or shuffled by a seeded generator so that epoch e of a
/// run with seed s is the same every time (and different from epoch e+1).
/// </summary>
sealed class BatchOrder(int count, int batchSize, bool shuffle, int seed, bool dropLast)
{
    int _epoch;

    public int Count { get; } = count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));
    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");

    public int BatchesPerEpoch => dropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>The row indices of each batch of the next epoch.</summary>
    public IEnumerable<long[]> NextEpoch()
    {
        var rows = new long[Count];
        for (int i = 0; i < Count; i++) rows[i] = i;
        if (shuffle) new Random(unchecked(seed * 1_000_003 + _epoch)).Shuffle(rows);
        _epoch++;
        return Enumerable.Range(0, BatchesPerEpoch).Select(b => rows[(b * BatchSize)..Math.Min(Count, (b + 1) * BatchSize)]);
    }
}
