using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// A convolution layer built on <see cref="ConvolutionFromScratch.Conv2d"/> (chapter 7): it owns a weight
/// (out, in, k, k) and a bias (out), initialised as <c>nn.Conv2d</c> does (uniform in ±1/√(in·k·k)), so the two
/// are interchangeable in a model.
/// </summary>
public sealed class Conv2dLayer : nn.Module<Tensor, Tensor>
{
    readonly long _stride, _padding;
    public TorchSharp.Modules.Parameter weight;
    public TorchSharp.Modules.Parameter bias;

    public Conv2dLayer(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0)
        : base(nameof(Conv2dLayer))
    {
        (_stride, _padding) = (stride, padding);
        double bound = 1.0 / Math.Sqrt(inChannels * kernelSize * kernelSize);
        weight = nn.Parameter(empty(outChannels, inChannels, kernelSize, kernelSize).uniform_(-bound, bound));
        bias = nn.Parameter(empty(outChannels).uniform_(-bound, bound));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => ConvolutionFromScratch.Conv2d(input, weight, bias, _stride, _padding);
}
