using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>
/// The fraction of correct predictions (chapter 4). Class scores (N, C) against indices (N): correct when the
/// arg-max is the label. One score per example (N) or (N, 1) against 0/1 labels of the same shape: correct when
/// the score is above <see cref="Threshold"/> (0 for logits, the default; 0.5 for probabilities) exactly for label 1.
/// </summary>
public sealed class Accuracy(double threshold = 0) : IMetric
{
    long _correct, _total;

    public double Threshold { get; } = threshold;
    public string Name => "accuracy";

    public void Reset() => _correct = _total = 0;

    public void Update(Tensor yHat, Tensor y)
    {
        using var scope = NewDisposeScope();
        Tensor hits;
        if (yHat.dim() == y.dim() + 1) hits = yHat.argmax(-1).eq(y);
        else if (yHat.shape.SequenceEqual(y.shape)) hits = (yHat > Threshold).eq(y > 0.5);
        else throw new ArgumentException(
            $"Accuracy needs scores (N, C) with labels (N), or one score per example with labels of the same shape; got [{string.Join(", ", yHat.shape)}] and [{string.Join(", ", y.shape)}].");
        _correct += hits.sum().ToInt64();
        _total += hits.numel();
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;
}
