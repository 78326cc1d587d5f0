using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// The course's small image CNN (chapter 8): conv 3×3 (32) → ReLU → max-pool 2×2 → conv 3×3 (64) → ReLU →
/// max-pool 2×2 → dense 64 → ReLU → classes. The convolutions pad by 1 so only pooling shrinks the image:
/// 3×32×32 (CIFAR-10) becomes 64×8×8, 1×28×28 (Fashion-MNIST) 64×7×7.
/// </summary>
public sealed class CifarCnn : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly Linear hidden, output;

    /// <param name="inChannels">3 for CIFAR-10, 1 for Fashion-MNIST.</param>
    /// <param name="imageSize">Height = width of the input (32 or 28); must be divisible by 4.</param>
    /// <param name="channels">Filters of the two convolutions; the course uses (32, 64).</param>
    /// <param name="hiddenUnits">Width of the dense layer; the course uses 64.</param>
    public CifarCnn(long inChannels = 3, long imageSize = 32, long numClasses = 10,
        (long First, long Second)? channels = null, long hiddenUnits = 64) : base(nameof(CifarCnn))
    {
        if (imageSize % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Two 2×2 poolings need an image size divisible by 4 (e.g. 28 or 32).");
        var (first, second) = channels ?? (32, 64);
        conv1 = nn.Conv2d(inChannels, first, 3, padding: 1);
        conv2 = nn.Conv2d(first, second, 3, padding: 1);
        hidden = nn.Linear(second * (imageSize / 4) * (imageSize / 4), hiddenUnits);
        output = nn.Linear(hiddenUnits, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.max_pool2d(nn.functional.relu(conv1.call(input)), 2); // (B, 32, S/2, S/2)
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.call(x)), 2);        // (B, 64, S/4, S/4)
        x = nn.functional.relu(hidden.call(x.flatten(1)));                          // (B, 64)
        return output.call(x).MoveToOuterDisposeScope();                            // (B, classes)
    }
}
