using static TorchSharp.torch;

namespace LearnLM.Losses;

/// <summary>
/// Binary cross-entropy on logits z, p = σ(z) (chapter 4). Written as L = (1/n) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))],
/// which equals −[y log σ(z) + (1 − y) log(1 − σ(z))] but never takes the log of 0 nor overflows an exponential.
/// The gradient is strikingly simple: dL/dz = (σ(z) − y)/n.
/// </summary>
public sealed class BinaryCrossEntropyWithLogitsLoss : ILoss
{
    static readonly Activations.Sigmoid Logistic = new();

    public string Name => "bce_with_logits";

    public Tensor Forward(Tensor z, Tensor y) =>
        (z.clamp_min(0) - z * y + (1 + exp(-z.abs())).log()).mean();

    public Tensor Backward(Tensor z, Tensor y) => (Logistic.Forward(z) - y) / z.numel();

    public Tensor Reference(Tensor z, Tensor y) => nn.functional.binary_cross_entropy_with_logits(z, y);
}
