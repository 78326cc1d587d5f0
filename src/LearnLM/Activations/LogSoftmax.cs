using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// log softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ − m) along the last dimension, m = maxⱼ xⱼ (chapter 4): computing the log
/// directly avoids log(0) when a probability underflows. Backward: dL/dx = g − softmax(x)·Σⱼ gⱼ.
/// </summary>
public sealed class LogSoftmax : IActivation
{
    static readonly Softmax Probabilities = new();

    public string Name => "log_softmax";

    public Tensor Forward(Tensor x)
    {
        var shifted = x - x.amax([-1], keepdim: true);
        return shifted - exp(shifted).sum(-1, keepdim: true).log();
    }

    public Tensor Backward(Tensor x, Tensor gradOutput) =>
        gradOutput - Probabilities.Forward(x) * gradOutput.sum(-1, keepdim: true);

    public Tensor Reference(Tensor x) => nn.functional.log_softmax(x, -1);
    public nn.Module<Tensor, Tensor> ToModule() => nn.LogSoftmax(-1);
    public override string ToString() => Name;
}
