using System.Collections;
using LearnLM.Devices;
using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Mini-batches of token sequences of different lengths with one label each (chapter 9): each batch is padded only
/// to its own longest sequence (see <see cref="SequencePadding"/>). Input int64 (B, T), target int64 (B); the mask is
/// <c>SequencePadding.Mask(input, PadId)</c>. One enumeration is one epoch, shuffled by seed.
/// </summary>
public sealed class SequenceDataLoader : IReadOnlyCollection<(Tensor Input, Tensor Target)>
{
    readonly IReadOnlyList<int[]> _sequences;
    readonly long[] _labels;
    readonly BatchOrder _order;
    readonly int? _maxLength;

    public SequenceDataLoader(IReadOnlyList<int[]> sequences, IReadOnlyList<long> labels, int batchSize, long padId = 0, int? maxLength = null,
        bool shuffle = false, int seed = 0, bool dropLast = false, Device? device = null)
    {
        if (sequences.Count != labels.Count)
            throw new ArgumentException($"{sequences.Count} sequences but {labels.Count} labels: there must be one label per sequence.");
        _sequences = sequences;
        _labels = [.. labels];
        _order = new BatchOrder(sequences.Count, batchSize, shuffle, seed, dropLast);
        _maxLength = maxLength;
        PadId = padId;
        Device = device ?? DeviceManager.Default;
    }

    public long PadId { get; }
    public Device Device { get; }
    /// <summary>Sequences in the data set.</summary>
    public int Rows => _order.Count;
    /// <summary>Batches per epoch (a last short batch counts unless dropLast).</summary>
    public int Count => _order.BatchesPerEpoch;

    public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
    {
        foreach (long[] rows in _order.NextEpoch())
        {
            var (ids, mask) = SequencePadding.Pad(rows.Select(r => _sequences[(int)r]).ToList(), PadId, _maxLength, Device);
            mask.Dispose();
            yield return (ids, tensor(rows.Select(r => _labels[r]).ToArray(), device: Device));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
