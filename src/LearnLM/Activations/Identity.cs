using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>No activation: y = x, derivative 1. The output layer of a regression net, or of a classifier whose loss takes logits (chapter 3).</summary>
public sealed class Identity : ElementwiseActivation
{
    public override string Name => "identity";
    public override Tensor Forward(Tensor x) => x.alias();
    public override Tensor Derivative(Tensor x) => ones_like(x);
    public override Tensor Reference(Tensor x) => x.alias();
    public override nn.Module<Tensor, Tensor> ToModule() => nn.Identity();
}
