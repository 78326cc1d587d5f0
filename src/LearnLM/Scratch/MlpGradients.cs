using static TorchSharp.torch;

namespace LearnLM.Scratch;

/// <summary>
/// The gradients a hand-written backward pass produces (chapter 3): dL/dWₗ and dL/dbₗ for each layer, in the
/// layers' order, and dL/dx for the input.
/// </summary>
public sealed record MlpGradients(IReadOnlyList<Tensor> Weights, IReadOnlyList<Tensor> Biases, Tensor Input);
