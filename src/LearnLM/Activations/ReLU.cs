using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// ReLU(x) = max(0, x), ReLU'(x) = 1 for x &gt; 0 and 0 otherwise (chapter 3 and chapter 4). At x = 0 the
/// derivative is taken as 0, as PyTorch does.
/// </summary>
public sealed class ReLU : ElementwiseActivation
{
    public override string Name => "relu";
    public override Tensor Forward(Tensor x) => x.clamp_min(0);
    public override Tensor Derivative(Tensor x) => (x > 0).to(x.dtype);
    public override Tensor Reference(Tensor x) => nn.functional.relu(x);
    public override nn.Module<Tensor, Tensor> ToModule() => nn.ReLU();
}
