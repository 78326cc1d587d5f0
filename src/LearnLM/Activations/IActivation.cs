using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// An activation function written by hand: its forward value and, beside it, the backward rule that the chain rule
/// needs (chapter 4, "Activations and losses"). <see cref="Reference"/> is TorchSharp's built-in version, the oracle
/// the tests compare against; <see cref="ToModule"/> gives the built-in layer for concise models.
/// </summary>
public interface IActivation
{
    /// <summary>A short lower-case name, e.g. "relu".</summary>
    string Name { get; }

    /// <summary>The activation applied to <paramref name="x"/>.</summary>
    Tensor Forward(Tensor x);

    /// <summary>dL/dx given dL/dy, where y = Forward(x): the backward rule, derived by hand.</summary>
    Tensor Backward(Tensor x, Tensor gradOutput);

    /// <summary>TorchSharp's built-in version of the same function.</summary>
    Tensor Reference(Tensor x);

    /// <summary>TorchSharp's built-in layer for the same function, for concise models.</summary>
    nn.Module<Tensor, Tensor> ToModule();
}
