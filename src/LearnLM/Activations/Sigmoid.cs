using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>σ(x) = 1 / (1 + e⁻ˣ), σ'(x) = σ(x)(1 − σ(x)) (chapter 3 and chapter 4).</summary>
public sealed class Sigmoid : ElementwiseActivation
{
    public override string Name => "sigmoid";

    public override Tensor Forward(Tensor x)
    {
        // e^(−|x|) never overflows: for x ≥ 0 use 1/(1+e^−x), for x < 0 the equal form e^x/(1+e^x).
        var small = exp(-x.abs());
        return where(x >= 0, 1 / (1 + small), small / (1 + small));
    }

    public override Tensor Derivative(Tensor x)
    {
        var s = Forward(x);
        return s * (1 - s);
    }

    public override Tensor Reference(Tensor x) => sigmoid(x);
    public override nn.Module<Tensor, Tensor> ToModule() => nn.Sigmoid();
}
