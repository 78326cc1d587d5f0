using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Next-token training pairs from one long token stream (chapter 11): window i is ids[s·i .. s·i+T) and its target
/// the same window shifted one token right, ids[s·i+1 .. s·i+T].
/// </summary>
public static class TextWindows
{
    /// <summary>Input and target int64 (N, blockSize), windows <paramref name="stride"/> apart (default: not overlapping).</summary>
    public static (Tensor Input, Tensor Target) Create(IReadOnlyList<int> ids, int blockSize, int? stride = null)
    {
        int step = stride ?? blockSize;
        if (blockSize < 1 || step < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), "blockSize and stride must be at least 1.");
        if (ids.Count < blockSize + 1)
            throw new ArgumentException($"The text has {ids.Count} tokens; a window of {blockSize} plus its next token needs at least {blockSize + 1}.");
        int windows = (ids.Count - blockSize - 1) / step + 1;
        var input = new long[(long)windows * blockSize];
        var target = new long[input.Length];
        for (int w = 0; w < windows; w++)
            for (int t = 0; t < blockSize; t++)
            {
                input[w * blockSize + t] = ids[w * step + t];
                target[w * blockSize + t] = ids[w * step + t + 1];
            }
        return (tensor(input, [windows, blockSize]), tensor(target, [windows, blockSize]));
    }
}
