using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// A basic residual block (chapter 8, He et al. 2016): conv 3×3 → batch norm → ReLU → conv 3×3 → batch norm,
/// added to the input, then ReLU. When the block changes the channel count or strides, the shortcut is a
/// 1×1 convolution with batch norm so the two branches have the same shape.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly BatchNorm2d norm1, norm2;
    readonly nn.Module<Tensor, Tensor>? shortcut;

    public ResidualBlock(long inChannels, long outChannels, long stride = 1) : base(nameof(ResidualBlock))
    {
        // No conv bias: the batch norm that follows would subtract it again.
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        norm1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        norm2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
            shortcut = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(norm1.call(conv1.call(input)));                 // (B, out, H/s, W/s)
        x = norm2.call(conv2.call(x));
        var identity = shortcut is null ? input : shortcut.call(input);           // same shape as x
        return nn.functional.relu(x + identity).MoveToOuterDisposeScope();
    }
}
