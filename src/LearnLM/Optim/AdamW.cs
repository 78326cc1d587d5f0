using TorchSharp.Modules;

namespace LearnLM.Optim;

/// <summary>
/// AdamW (chapter 5; chapter 6 for regularisation): Adam with decoupled weight decay, θ ← θ(1 − ηλ) before the Adam
/// step, instead of adding λθ to the gradient where Adam's scaling would shrink it. As <c>torch.optim.AdamW</c>,
/// whose default λ is 0.01.
/// </summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0.01) : Adam(parameters, learningRate, beta1, beta2, eps, weightDecay)
{
    protected override bool DecoupledWeightDecay => true;
}
