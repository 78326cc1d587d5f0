using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) along the last dimension, with m = maxⱼ xⱼ so no exponential overflows
/// (chapter 4). Its Jacobian is diag(s) − s sᵀ, so the backward rule is dL/dx = s ⊙ (g − ⟨g, s⟩).
/// </summary>
public sealed class Softmax : IActivation
{
    public string Name => "softmax";

    public Tensor Forward(Tensor x)
    {
        var shifted = x - x.amax([-1], keepdim: true);
        var e = exp(shifted);
        return e / e.sum(-1, keepdim: true);
    }

    public Tensor Backward(Tensor x, Tensor gradOutput)
    {
        var s = Forward(x);
        return s * (gradOutput - (gradOutput * s).sum(-1, keepdim: true));
    }

    public Tensor Reference(Tensor x) => nn.functional.softmax(x, -1);
    public nn.Module<Tensor, Tensor> ToModule() => nn.Softmax(-1);
    public override string ToString() => Name;
}
