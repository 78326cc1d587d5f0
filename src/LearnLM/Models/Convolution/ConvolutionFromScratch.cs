using static TorchSharp.torch;

namespace LearnLM.Models.Convolution;

/// <summary>
/// 2-D convolution and pooling written out (chapter 7): pad, cut the image into every window the kernel visits
/// (<see cref="Tensor.unfold"/> twice gives a view, no copying), then a convolution is one weighted sum per window
/// and a pooling layer one max or mean per window. Autograd differentiates through these operations, so the
/// backward pass needs no code here; the tests check both directions against <c>functional.conv2d</c> and pooling.
/// </summary>
public static class ConvolutionFromScratch
{
    /// <summary>Every <paramref name="kernel"/>-sized window of an image batch, stepping by <paramref name="stride"/>.</summary>
    /// <returns>(B, C, OH, OW, kH, kW)</returns>
    public static Tensor Windows(Tensor input, (long Height, long Width) kernel, long stride = 1, long padding = 0)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"Expected an image batch of shape (B, C, H, W); got [{string.Join(", ", input.shape)}].", nameof(input));
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride must be at least 1.");
        var padded = padding > 0 ? nn.functional.pad(input, [padding, padding, padding, padding]) : input;
        if (padded.shape[2] < kernel.Height || padded.shape[3] < kernel.Width)
            throw new ArgumentException(
                $"The {kernel.Height}×{kernel.Width} kernel is larger than the padded {padded.shape[2]}×{padded.shape[3]} image; add padding or use a smaller kernel.");
        return padded.unfold(2, kernel.Height, stride).unfold(3, kernel.Width, stride); // (B, C, OH, OW, kH, kW)
    }

    /// <summary>Cross-correlation, as deep-learning libraries define "convolution": out[b,o,i,j] = Σ_c,k,l w[o,c,k,l]·x[b,c,i·s+k,j·s+l] + bias[o].</summary>
    /// <param name="input">(B, C, H, W)</param>
    /// <param name="weight">(O, C, kH, kW)</param>
    /// <param name="bias">(O) or null</param>
    /// <returns>(B, O, OH, OW)</returns>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0)
    {
        if (weight.dim() != 4 || input.dim() == 4 && weight.shape[1] != input.shape[1])
            throw new ArgumentException(
                $"The weight must be (out, in, kH, kW) with in = the input's channels; got weight [{string.Join(", ", weight.shape)}] " +
                $"for input [{string.Join(", ", input.shape)}].", nameof(weight));
        using var windows = Windows(input, (weight.shape[2], weight.shape[3]), stride, padding); // (B, C, OH, OW, kH, kW)
        var output = einsum("bcijkl,ockl->boij", windows, weight);                                 // (B, O, OH, OW)
        return bias is null ? output : output + bias.view(1, -1, 1, 1);
    }

    /// <summary>The largest value in each window. Where a window has ties, the gradient goes to each tied position
    /// in equal share (amax's rule) rather than to the first one (max_pool2d's); with real-valued inputs ties do not occur.</summary>
    /// <returns>(B, C, OH, OW)</returns>
    public static Tensor MaxPool2d(Tensor input, long kernelSize, long? stride = null)
    {
        using var windows = Windows(input, (kernelSize, kernelSize), stride ?? kernelSize);
        return windows.amax([-2, -1]);
    }

    /// <summary>The mean of each window.</summary>
    /// <returns>(B, C, OH, OW)</returns>
    public static Tensor AvgPool2d(Tensor input, long kernelSize, long? stride = null)
    {
        using var windows = Windows(input, (kernelSize, kernelSize), stride ?? kernelSize);
        return windows.mean([-2, -1]);
    }
}
