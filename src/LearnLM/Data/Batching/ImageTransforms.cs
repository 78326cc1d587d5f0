using static TorchSharp.torch;

namespace LearnLM.Data.Batching;

/// <summary>
/// Image preprocessing and augmentation for (N, C, H, W) batches (chapters 7–8): bytes to floats, per-channel
/// normalisation, random crops of a zero-padded image and horizontal flips, as used to train CIFAR-10 networks.
/// </summary>
public static class ImageTransforms
{
    /// <summary>uint8 0–255 to float32 0–1.</summary>
    public static Tensor ToFloat(Tensor images) => images.to(ScalarType.Float32).div_(255);

    /// <summary>Each channel's mean and standard deviation over images, rows and columns of float (N, C, H, W) images.</summary>
    public static (double[] Mean, double[] Std) ChannelStats(Tensor images)
    {
        using var scope = NewDisposeScope();
        var values = images.to(ScalarType.Float64);
        var mean = values.mean([0, 2, 3]);
        var std = values.std([0, 2, 3], unbiased: false);
        return (mean.data<double>().ToArray(), std.data<double>().ToArray());
    }

    /// <summary>(x − mean[c]) / std[c] for each channel c of (N, C, H, W) images.</summary>
    public static Tensor Normalize(Tensor images, IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        long channels = images.shape[1];
        if (mean.Count != channels || std.Count != channels)
            throw new ArgumentException($"Images have {channels} channels but {mean.Count} means and {std.Count} standard deviations were given.");
        if (std.Any(s => s <= 0)) throw new ArgumentException("Every standard deviation must be positive.", nameof(std));
        using var m = tensor(mean.ToArray(), [1, channels, 1, 1], dtype: images.dtype, device: images.device);
        using var s = tensor(std.ToArray(), [1, channels, 1, 1], dtype: images.dtype, device: images.device);
        return images.sub(m).div_(s);
    }

    /// <summary>
    /// Pads each image with <paramref name="padding"/> zeros on every side and cuts a random H×W window from it, a
    /// different window per image: the network sees each picture shifted by up to <paramref name="padding"/> pixels.
    /// </summary>
    public static Tensor RandomCrop(Tensor images, int padding, Random random)
    {
        if (padding == 0) return images.clone();
        long n = images.shape[0], h = images.shape[2], w = images.shape[3];
        using var padded = nn.functional.pad(images, [padding, padding, padding, padding]); // (N, C, H+2p, W+2p)
        var crops = new Tensor[n];
        try
        {
            for (long i = 0; i < n; i++)
                crops[i] = padded[i].narrow(1, random.Next(2 * padding + 1), h).narrow(2, random.Next(2 * padding + 1), w);
            return stack(crops);                                                         // (N, C, H, W)
        }
        finally { foreach (var crop in crops) crop?.Dispose(); }
    }

    /// <summary>Mirrors each image left–right with probability <paramref name="probability"/>.</summary>
    public static Tensor RandomHorizontalFlip(Tensor images, Random random, double probability = 0.5)
    {
        long n = images.shape[0];
        var flip = Enumerable.Range(0, (int)n).Select(_ => random.NextDouble() < probability).ToArray();
        using var mask = tensor(flip, [n, 1, 1, 1], device: images.device);
        using var mirrored = images.flip(3);
        return where(mask, mirrored, images);
    }

    /// <summary>The standard CIFAR-10 training augmentation: random crop with 4-pixel padding, then a random flip.</summary>
    public static Func<Tensor, Tensor> CropAndFlip(int padding, int seed)
    {
        var random = new Random(seed);
        return images =>
        {
            using var cropped = RandomCrop(images, padding, random);
            return RandomHorizontalFlip(cropped, random);
        };
    }
}
