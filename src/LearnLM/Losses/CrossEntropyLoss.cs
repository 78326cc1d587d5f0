using static TorchSharp.torch;

namespace LearnLM.Losses;

/// <summary>
/// Cross-entropy of logits (N, C) against class indices (N), with optional label smoothing ε (chapter 4; chapter 6
/// for smoothing as regularisation). The target distribution is q = (1 − ε)·onehot(y) + ε/C, and
/// L = −(1/N) Σᵢ Σ_c q_ic log softmax(zᵢ)_c. Its gradient is dL/dz = (softmax(z) − q)/N.
/// </summary>
/// <param name="labelSmoothing">ε in [0, 1): the probability mass spread evenly over all classes.</param>
public sealed class CrossEntropyLoss(double labelSmoothing = 0) : ILoss
{
    static readonly Activations.LogSoftmax LogProbabilities = new();
    static readonly Activations.Softmax Probabilities = new();

    public double LabelSmoothing { get; } = labelSmoothing is >= 0 and < 1
        ? labelSmoothing
        : throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");

    public string Name => "cross_entropy";

    public Tensor Forward(Tensor logits, Tensor y)
    {
        var logP = LogProbabilities.Forward(logits);                 // (N, C)
        return -(Targets(logits, y) * logP).sum(-1).mean();
    }

    public Tensor Backward(Tensor logits, Tensor y) =>
        (Probabilities.Forward(logits) - Targets(logits, y)) / logits.shape[0];

    public Tensor Reference(Tensor logits, Tensor y) =>
        nn.functional.cross_entropy(logits, y, label_smoothing: LabelSmoothing);

    /// <summary>q: the smoothed one-hot target distribution, (N, C).</summary>
    Tensor Targets(Tensor logits, Tensor y)
    {
        if (logits.dim() != 2)
            throw new ArgumentException($"Cross-entropy expects logits of shape (N, C); got [{string.Join(", ", logits.shape)}].", nameof(logits));
        if (y.dtype != ScalarType.Int64)
            throw new ArgumentException($"Cross-entropy expects class indices as int64; got {y.dtype}. Convert with y.to(ScalarType.Int64).", nameof(y));
        long classes = logits.shape[1];
        var oneHot = nn.functional.one_hot(y, classes).to(logits.dtype);
        return (1 - LabelSmoothing) * oneHot + LabelSmoothing / classes;
    }
}
