using static TorchSharp.torch;

namespace LearnLM.Losses;

/// <summary>
/// Binary cross-entropy on probabilities p: L = −(1/n) Σ [y log p + (1 − y) log(1 − p)];
/// dL/dp = (p − y) / (p(1 − p)) / n (chapter 4). Logs are floored at −100 as PyTorch does, so p = 0 or 1 gives a
/// large finite loss instead of infinity. Prefer <see cref="BinaryCrossEntropyWithLogitsLoss"/>, which is stable.
/// </summary>
public sealed class BinaryCrossEntropyLoss : ILoss
{
    const double LogFloor = -100;

    public string Name => "bce";

    public Tensor Forward(Tensor p, Tensor y) =>
        -(y * p.log().clamp_min(LogFloor) + (1 - y) * (1 - p).log().clamp_min(LogFloor)).mean();

    public Tensor Backward(Tensor p, Tensor y) => (p - y) / (p * (1 - p)) / p.numel();

    public Tensor Reference(Tensor p, Tensor y) => nn.functional.binary_cross_entropy(p, y);
}
