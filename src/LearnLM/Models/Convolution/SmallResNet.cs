using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// A small ResNet (chapter 8): a 3×3 stem with batch norm, one <see cref="ResidualBlock"/> per stage (the
/// stages after the first halve the image and widen the channels), global average pooling, one dense layer.
/// Works for any image size, since the pooling is global.
/// </summary>
public sealed class SmallResNet : nn.Module<Tensor, Tensor>
{
    readonly Conv2d stem;
    readonly BatchNorm2d stemNorm;
    readonly Sequential stages;
    readonly Linear head;

    /// <param name="widths">Channels per stage; the default (16, 32, 64) is the CIFAR ResNet's.</param>
    public SmallResNet(long inChannels = 3, long numClasses = 10, long[]? widths = null, long blocksPerStage = 1)
        : base(nameof(SmallResNet))
    {
        widths ??= [16, 32, 64];
        if (widths.Length == 0) throw new ArgumentException("A ResNet needs at least one stage width.", nameof(widths));
        stem = nn.Conv2d(inChannels, widths[0], 3, padding: 1, bias: false);
        stemNorm = nn.BatchNorm2d(widths[0]);
        var blocks = new List<nn.Module<Tensor, Tensor>>();
        long channels = widths[0];
        for (int stage = 0; stage < widths.Length; stage++)
            for (long block = 0; block < blocksPerStage; block++)
            {
                long stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(new ResidualBlock(channels, widths[stage], stride));
                channels = widths[stage];
            }
        stages = nn.Sequential(blocks);
        head = nn.Linear(channels, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(stemNorm.call(stem.call(input))); // (B, w0, H, W)
        x = stages.call(x);                                          // (B, wLast, H/2^(n-1), W/2^(n-1))
        x = x.mean([2, 3]);                                          // (B, wLast): global average pooling
        return head.call(x).MoveToOuterDisposeScope();               // (B, classes)
    }
}
