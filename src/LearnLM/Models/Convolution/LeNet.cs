using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// LeNet-5 in its modern dress (chapter 7): two 5×5 convolutions with 2×2 average pooling, then three dense
/// layers (120 → 84 → classes), ReLU throughout. <c>fromScratch</c> swaps <c>nn.Conv2d</c> for
/// <see cref="Conv2dLayer"/> so the chapter can train its own convolution in the same network.
/// </summary>
public sealed class LeNet : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> conv1, conv2;
    readonly Linear fc1, fc2, fc3;

    /// <param name="inChannels">1 for Fashion-MNIST, 3 for CIFAR-10.</param>
    /// <param name="imageSize">Height = width of the input: 28 or 32.</param>
    public LeNet(long inChannels = 1, long imageSize = 28, long numClasses = 10, bool fromScratch = false) : base(nameof(LeNet))
    {
        conv1 = fromScratch ? new Conv2dLayer(inChannels, 6, 5, padding: 2) : nn.Conv2d(inChannels, 6, 5, padding: 2);
        conv2 = fromScratch ? new Conv2dLayer(6, 16, 5) : nn.Conv2d(6, 16, 5);
        long side = (imageSize / 2 - 4) / 2; // conv1 keeps the size, pool halves, conv2 loses 4, pool halves
        if (side < 1) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "LeNet needs images of at least 12×12.");
        fc1 = nn.Linear(16 * side * side, 120);
        fc2 = nn.Linear(120, 84);
        fc3 = nn.Linear(84, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.avg_pool2d(nn.functional.relu(conv1.call(input)), 2); // (B, 6, S/2, S/2)
        x = nn.functional.avg_pool2d(nn.functional.relu(conv2.call(x)), 2);        // (B, 16, side, side)
        x = x.flatten(1);                                                           // (B, 16·side²)
        x = nn.functional.relu(fc1.call(x));
        x = nn.functional.relu(fc2.call(x));
        return fc3.call(x).MoveToOuterDisposeScope();                               // (B, classes)
    }
}
