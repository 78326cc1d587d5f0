using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// Leaky ReLU: x for x &gt; 0, αx otherwise; derivative 1 or α (chapter 4). The small slope keeps a unit that
/// went negative learning instead of dying.
/// </summary>
/// <param name="negativeSlope">α, PyTorch's default 0.01.</param>
public sealed class LeakyReLU(double negativeSlope = 0.01) : ElementwiseActivation
{
    public double NegativeSlope { get; } = negativeSlope;
    public override string Name => "leaky_relu";
    public override Tensor Forward(Tensor x) => where(x > 0, x, NegativeSlope * x);
    public override Tensor Derivative(Tensor x) => where(x > 0, ones_like(x), full_like(x, NegativeSlope));
    public override Tensor Reference(Tensor x) => nn.functional.leaky_relu(x, NegativeSlope);
    public override nn.Module<Tensor, Tensor> ToModule() => nn.LeakyReLU(NegativeSlope);
}
