using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Train / validation / test splits by a seeded random permutation (chapter 6, "Generalisation"): every row lands
/// in exactly one part, and the same seed gives the same parts.
/// </summary>
public static class DataSplits
{
    /// <summary>Row indices of the three parts; the test and validation parts get their fractions (rounded down), train the rest.</summary>
    public static (int[] Train, int[] Validation, int[] Test) Indices(int count, double validationFraction, double testFraction = 0, int seed = 0)
    {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
            throw new ArgumentException($"Fractions {validationFraction} and {testFraction} must be ≥ 0 and leave something to train on (sum < 1).");
        var rows = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(rows);
        int test = (int)(count * testFraction), validation = (int)(count * validationFraction);
        return (rows[(test + validation)..], rows[test..(test + validation)], rows[..test]);
    }

    /// <summary>Splits paired tensors by the rows of <see cref="Indices"/>.</summary>
    public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Validation, (Tensor X, Tensor Y) Test) Split(
        Tensor x, Tensor y, double validationFraction, double testFraction = 0, int seed = 0)
    {
        if (x.shape[0] != y.shape[0]) throw new ArgumentException($"x has {x.shape[0]} rows and y {y.shape[0]}; they must match.");
        var (train, validation, test) = Indices((int)x.shape[0], validationFraction, testFraction, seed);
        return (Take(x, y, train), Take(x, y, validation), Take(x, y, test));
    }

    static (Tensor, Tensor) Take(Tensor x, Tensor y, int[] rows)
    {
        long[] indices = rows.Select(r => (long)r).ToArray();
        using var xIndex = tensor(indices, device: x.device);
        using var yIndex = tensor(indices, device: y.device);
        return (x.index_select(0, xIndex), y.index_select(0, yIndex));
    }
}
