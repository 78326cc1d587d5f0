using LearnLM.Devices;
using Microsoft.Data.Analysis;
using static TorchSharp.torch;

namespace LearnLM.Data.Loaders;

/// <summary>
/// Explicit ratings, one row per (user, item, rating, timestamp) (chapter 12). Ids are the dataset's own (MovieLens
/// counts from 1); <see cref="ToTensors"/> gives model inputs and <see cref="ToDataFrame"/> a table to explore.
/// </summary>
public sealed class RatingTable(int[] users, int[] items, float[] values, long[] timestamps)
{
    public int[] Users { get; } = users;
    public int[] Items { get; } = items;
    public float[] Values { get; } = values;
    /// <summary>Seconds since 1970-01-01 UTC.</summary>
    public long[] Timestamps { get; } = timestamps;

    public int Count => Users.Length;
    public int DistinctUsers => Users.Distinct().Count();
    public int DistinctItems => Items.Distinct().Count();
    /// <summary>The largest user id: an embedding table indexed by raw id needs this many plus one rows.</summary>
    public int MaxUser => Users.Length == 0 ? 0 : Users.Max();
    public int MaxItem => Items.Length == 0 ? 0 : Items.Max();

    /// <summary>Input int64 (N, 2) of (user, item) ids and target float32 (N) ratings, on <paramref name="device"/>.</summary>
    public (Tensor Input, Tensor Target) ToTensors(Device? device = null)
    {
        device ??= DeviceManager.Default;
        var pairs = new long[2L * Count];
        for (int i = 0; i < Count; i++) { pairs[2 * i] = Users[i]; pairs[2 * i + 1] = Items[i]; }
        return (tensor(pairs, [Count, 2], device: device), tensor(Values, [Count], device: device));
    }

    /// <summary>Columns user, item, rating, timestamp.</summary>
    public DataFrame ToDataFrame() => new(
        new Int32DataFrameColumn("user", Users),
        new Int32DataFrameColumn("item", Items),
        new SingleDataFrameColumn("rating", Values),
        new Int64DataFrameColumn("timestamp", Timestamps));

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public RatingTable Select(IReadOnlyList<int> rows) => new(
        rows.Select(r => Users[r]).ToArray(), rows.Select(r => Items[r]).ToArray(),
        rows.Select(r => Values[r]).ToArray(), rows.Select(r => Timestamps[r]).ToArray());
}
