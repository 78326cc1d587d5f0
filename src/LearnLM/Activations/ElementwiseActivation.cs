using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// An activation applied to each entry on its own, so its Jacobian is diagonal and the backward rule is
/// dL/dx = dL/dy ⊙ σ'(x) (chapter 4). Subclasses write σ and σ' side by side.
/// </summary>
public abstract class ElementwiseActivation : IActivation
{
    public abstract string Name { get; }
    public abstract Tensor Forward(Tensor x);

    /// <summary>σ'(x), entry by entry.</summary>
    public abstract Tensor Derivative(Tensor x);

    public Tensor Backward(Tensor x, Tensor gradOutput) => gradOutput * Derivative(x);
    public abstract Tensor Reference(Tensor x);
    public abstract nn.Module<Tensor, Tensor> ToModule();
    public override string ToString() => Name;
}
