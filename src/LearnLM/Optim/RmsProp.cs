using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// RMSProp (chapter 5): divide each step by a running root-mean-square of recent gradients, so every coordinate
/// moves at a similar pace. As <c>torch.optim.RMSprop</c>:
/// <code>
/// g ← ∇θ + λθ
/// s ← αs + (1 − α) g²
/// d ← √s + ε
/// θ ← θ − η g / d                 (or, with momentum μ: b ← μb + g/d, θ ← θ − η b)
/// </code>
/// </summary>
public sealed class RmsProp(IEnumerable<Parameter> parameters, double learningRate = 0.01, double alpha = 0.99,
    double eps = 1e-8, double weightDecay = 0, double momentum = 0) : OptimizerBase(parameters, learningRate)
{
    public double Alpha { get; } = alpha;
    public double Eps { get; } = eps;
    public double WeightDecay { get; } = weightDecay;
    public double Momentum { get; } = momentum;

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = WeightDecay != 0 ? grad + WeightDecay * parameter : grad;
        var squareAverage = State(index, "square_avg");
        squareAverage.mul_(Alpha).addcmul_(g, g, 1 - Alpha);
        var denominator = squareAverage.sqrt() + Eps;
        if (Momentum > 0)
        {
            var buffer = State(index, "momentum_buffer");
            buffer.mul_(Momentum).addcdiv_(g, denominator);
            parameter.add_(buffer, alpha: -LearningRate);
        }
        else parameter.addcdiv_(g, denominator, -LearningRate);
    }
}
