using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// Stochastic gradient descent (chapter 5), as <c>torch.optim.SGD</c> computes it:
/// <code>
/// g ← ∇θ + λθ                                 (weight decay λ, as an L2 penalty)
/// v ← g on the first step, else μv + (1 − τ)g  (momentum μ, dampening τ)
/// g ← g + μv  (Nesterov)   or   g ← v  (classical momentum)
/// θ ← θ − η g
/// </code>
/// "Full batch" or "mini-batch" is a matter of which gradient it is given: of the loss on all the data, or on a batch.
/// </summary>
public sealed class Sgd : OptimizerBase
{
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) : base(parameters, learningRate)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum needs momentum > 0 and dampening = 0.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    public double Momentum { get; }
    public double Dampening { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    protected override void Update(int index, Tensor parameter, Tensor grad)
    {
        var g = WeightDecay != 0 ? grad + WeightDecay * parameter : grad;
        if (Momentum != 0)
        {
            bool first = !HasState(index, "velocity");
            var velocity = State(index, "velocity", () => g.clone());
            if (!first) velocity.mul_(Momentum).add_(g, alpha: 1 - Dampening);
            g = Nesterov ? g + Momentum * velocity : velocity;
        }
        parameter.add_(g, alpha: -LearningRate);
    }
}
