using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>tanh(x) = 2σ(2x) − 1, tanh'(x) = 1 − tanh²(x) (chapter 4).</summary>
public sealed class Tanh : ElementwiseActivation
{
    static readonly Sigmoid Logistic = new();

    public override string Name => "tanh";

    // (e^2x − 1)/(e^2x + 1) overflows for large x; written through the stable sigmoid it does not.
    public override Tensor Forward(Tensor x) => 2 * Logistic.Forward(2 * x) - 1;

    public override Tensor Derivative(Tensor x)
    {
        var t = Forward(x);
        return 1 - t * t;
    }

    public override Tensor Reference(Tensor x) => tanh(x);
    public override nn.Module<Tensor, Tensor> ToModule() => nn.Tanh();
}
