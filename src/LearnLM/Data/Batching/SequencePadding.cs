using LearnLM.Devices;
using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Variable-length token sequences in one rectangular batch (chapter 9): short ones are filled with a padding id
/// on the right, and a mask says which positions are real so attention and pooling can ignore the rest.
/// </summary>
public static class SequencePadding
{
    /// <summary>
    /// Ids int64 (B, T) with T the longest sequence (or <paramref name="maxLength"/>, keeping each sequence's start)
    /// and Mask bool (B, T), true at real tokens.
    /// </summary>
    public static (Tensor Ids, Tensor Mask) Pad(IReadOnlyList<int[]> sequences, long padId = 0, int? maxLength = null, Device? device = null)
    {
        if (maxLength is < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1.");
        int width = Math.Max(1, sequences.Count == 0 ? 1 : sequences.Max(s => s.Length));
        if (maxLength is { } limit) width = Math.Min(width, limit);
        var ids = new long[sequences.Count * width];
        var mask = new bool[ids.Length];
        Array.Fill(ids, padId);
        for (int b = 0; b < sequences.Count; b++)
            for (int t = 0; t < Math.Min(width, sequences[b].Length); t++)
            {
                ids[b * width + t] = sequences[b][t];
                mask[b * width + t] = true;
            }
        device ??= DeviceManager.Default;
        return (tensor(ids, [sequences.Count, width], device: device), tensor(mask, [sequences.Count, width], device: device));
    }

    /// <summary>True where <paramref name="ids"/> is not <paramref name="padId"/>.</summary>
    public static Tensor Mask(Tensor ids, long padId = 0) => ids.ne(padId);
}
