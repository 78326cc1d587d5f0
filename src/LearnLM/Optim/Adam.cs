using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// Adam (chapter 5): momentum on the gradient (first moment m) and RMSProp's scaling (second moment v), both
/// corrected for their start at zero. As <c>torch.optim.Adam</c>, at step t:
/// <code>
/// g ← ∇θ + λθ                         (weight decay as an L2 penalty: see AdamW for the decoupled kind)
/// m ← β₁m + (1 − β₁) g
/// v ← β₂v + (1 − β₂) g²
/// m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)   (bias correction)
/// θ ← θ − η m̂ / (√v̂ + ε)
/// </code>
/// </summary>
public class Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0) : OptimizerBase(parameters, learningRate)
{
    public double Beta1 { get; } = beta1;
    public double Beta2 { get; } = beta2;
    public double Eps { get; } = eps;
    public double WeightDecay { get; } = weightDecay;

    /// <summary>Whether weight decay is applied to θ directly (AdamW) instead of added to the gradient.</summary>
    protected virtual bool DecoupledWeightDecay => false;

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = grad;
        if (WeightDecay != 0)
        {
            if (DecoupledWeightDecay) parameter.mul_(1 - LearningRate * WeightDecay);
            else g = grad + WeightDecay * parameter;
        }
        var m = State(index, "exp_avg");
        var v = State(index, "exp_avg_sq");
        m.mul_(Beta1).add_(g, alpha: 1 - Beta1);
        v.mul_(Beta2).addcmul_(g, g, 1 - Beta2);

        double correction1 = 1 - Math.Pow(Beta1, StepCount);
        double correction2 = 1 - Math.Pow(Beta2, StepCount);
        var denominator = v.sqrt() / Math.Sqrt(correction2) + Eps;      // √v̂ + ε
        parameter.addcdiv_(m, denominator, -LearningRate / correction1); // m̂ = m / correction1
    }
}
