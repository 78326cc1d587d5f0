using static TorchSharp.torch;

namespace LearnLM.Data.Loaders;

/// <summary>
/// A folder in the MNIST layout (chapter 7): <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each optionally <c>.gz</c>. MNIST and Fashion-MNIST share it.
/// </summary>
public static class Mnist
{
    public static readonly IReadOnlyList<string> DigitClasses = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Reads both splits of an MNIST-layout folder: images uint8 (N, 1, 28, 28), labels int64 (N).</summary>
    public static ImageDataset LoadFolder(string folder, IReadOnlyList<string>? classNames = null, string? source = null) =>
        new(LoadSplit(folder, "train"), LoadSplit(folder, "t10k"), classNames ?? DigitClasses, source ?? folder);

    /// <summary>Reads one split: <paramref name="prefix"/> is "train" or "t10k".</summary>
    public static ImageSplit LoadSplit(string folder, string prefix)
    {
        string imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        using var raw = IdxFile.ReadTensor(imagesPath);            // (N, H, W)
        if (raw.dim() != 3) throw new InvalidDataException($"{imagesPath} has shape [{string.Join(", ", raw.shape)}]; images must be (N, H, W).");
        var images = raw.unsqueeze(1);                              // (N, 1, H, W)
        using var labelBytes = IdxFile.ReadTensor(labelsPath);
        var labels = labelBytes.to(ScalarType.Int64);
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
        {
            images.Dispose(); labels.Dispose();
            throw new InvalidDataException($"{labelsPath} holds [{string.Join(", ", labelBytes.shape)}] labels for {raw.shape[0]:N0} images in {imagesPath}; they must match one to one.");
        }
        return new ImageSplit(images, labels);
    }

    static string Find(string folder, string name)
    {
        foreach (string candidate in new[] { name + ".gz", name })
            if (File.Exists(Path.Combine(folder, candidate))) return Path.Combine(folder, candidate);
        throw new FileNotFoundException($"{Path.Combine(folder, name)}(.gz) was not found; an MNIST-layout folder holds train- and t10k- images and labels.");
    }
}
