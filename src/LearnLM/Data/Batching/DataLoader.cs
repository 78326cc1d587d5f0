using System.Collections;
using LearnLM.Devices;
using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Mini-batches of (input, target) rows from two tensors with the same first dimension (chapter 5, "Optimisation";
/// used by every trainer after it). One enumeration is one epoch. Shuffling is seeded, so runs repeat; each epoch
/// reshuffles. Batches are new tensors on <see cref="Device"/> that the caller owns (wrap the loop body in
/// <c>torch.NewDisposeScope()</c>); the optional transform (e.g. augmentation, normalisation) is applied to
/// each input batch on that device.
/// </summary>
public sealed class DataLoader : IReadOnlyCollection<(Tensor Input, Tensor Target)>
{
    readonly Tensor _inputs, _targets;
    readonly BatchOrder _order;
    readonly Func<Tensor, Tensor>? _transform;

    public DataLoader(Tensor inputs, Tensor targets, int batchSize, bool shuffle = false, int seed = 0, bool dropLast = false,
        Device? device = null, Func<Tensor, Tensor>? transform = null)
    {
        if (inputs.shape.Length == 0 || targets.shape.Length == 0 || inputs.shape[0] != targets.shape[0])
            throw new ArgumentException(
                $"Inputs [{string.Join(", ", inputs.shape)}] and targets [{string.Join(", ", targets.shape)}] must have the same number of rows (first dimension).");
        _inputs = inputs;
        _targets = targets;
        _order = new BatchOrder((int)inputs.shape[0], batchSize, shuffle, seed, dropLast);
        _transform = transform;
        Device = device ?? DeviceManager.Default;
    }

    public Device Device { get; }
    public int BatchSize => _order.BatchSize;
    /// <summary>Rows in the data set.</summary>
    public int Rows => _order.Count;
    /// <summary>Batches per epoch (a last short batch counts unless dropLast): what the trainer's progress counts.</summary>
    public int Count => _order.BatchesPerEpoch;

    public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
    {
        foreach (long[] rows in _order.NextEpoch())
        {
            Tensor input, target;
            using (var inputIndex = tensor(rows, device: _inputs.device))
            using (var targetIndex = tensor(rows, device: _targets.device))
            using (var inputRows = _inputs.index_select(0, inputIndex))
            using (var targetRows = _targets.index_select(0, targetIndex))
            {
                // index_select already made fresh tensors: on the same device `to` only adds a handle, no copy.
                input = inputRows.to(Device);
                target = targetRows.to(Device);
            }
            if (_transform is not null)
            {
                var transformed = _transform(input);
                if (!ReferenceEquals(transformed, input)) input.Dispose();
                input = transformed;
            }
            yield return (input, target);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
