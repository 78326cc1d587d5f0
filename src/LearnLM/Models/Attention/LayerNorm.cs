using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// Layer normalisation written out (chapter 10, Ba et al. 2016): each position's vector is shifted to mean 0
/// and scaled to variance 1 across its features, then given a learned gain and (optionally) bias. Unlike batch
/// norm it needs no batch statistics, so it behaves the same in training and generation.
/// </summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    public readonly TorchSharp.Modules.Parameter weight;
    public readonly TorchSharp.Modules.Parameter? bias;
    readonly double _epsilon;

    /// <param name="useBias">nanoGPT drops the bias (slightly better, slightly faster); PyTorch keeps it.</param>
    /// <param name="epsilon">Added to the variance so a constant vector does not divide by zero; PyTorch's default.</param>
    public LayerNorm(long features, bool useBias = true, double epsilon = 1e-5) : base(nameof(LayerNorm))
    {
        weight = nn.Parameter(ones(features));
        if (useBias) bias = nn.Parameter(zeros(features));
        _epsilon = epsilon;
        RegisterComponents();
    }

    /// <param name="input">(…, features)</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var mean = input.mean([-1], keepdim: true);
        var variance = (input - mean).square().mean([-1], keepdim: true); // biased, as in the paper and PyTorch
        var normalised = (input - mean) / (variance + _epsilon).sqrt();
        var result = normalised * weight;
        if (bias is not null) result = result + bias;
        return result.MoveToOuterDisposeScope();
    }
}
