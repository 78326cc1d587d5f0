using LearnLM.Data.Download;

namespace LearnLM.Data.Loaders;

/// <summary>
/// Fashion-MNIST (chapters 7–8): 28×28 grey-scale clothing in ten classes. <see cref="Load"/> takes the full dataset
/// from Debian's <c>dataset-fashion-mnist</c> (<c>/usr/share/datasets/fashion-mnist</c>) or the data cache, and falls
/// back to the embedded 6,000/1,000 sample; <see cref="ImageDataset.Source"/> says which was used.
/// </summary>
public static class FashionMnist
{
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public const string SampleName = "fashion-mnist-small";

    /// <summary>The folder to read and a sentence saying which copy it is.</summary>
    public static (string Folder, string Source) Locate(bool allowSample = true, DatasetStore? store = null)
    {
        string? full = null;
        try { full = (store ?? DatasetStore.Default()).Find("fashion-mnist"); }
        catch (DirectoryNotFoundException) { } // no manifests beside this build: only the sample can be used
        if (full is not null) return (full, $"full Fashion-MNIST (60,000 + 10,000) from {full}");
        if (!allowSample)
            throw new DirectoryNotFoundException(
                "The full Fashion-MNIST was not found. Install Debian's dataset-fashion-mnist, or run `learnlm data fetch fashion-mnist`.");
        string sample = Samples.Locate(SampleName);
        return (sample, $"embedded sample (6,000 + 1,000) from {sample}: the full set was not found");
    }

    /// <summary>Both splits as uint8 (N, 1, 28, 28) images and int64 labels.</summary>
    public static ImageDataset Load(bool allowSample = true, DatasetStore? store = null)
    {
        var (folder, source) = Locate(allowSample, store);
        return Mnist.LoadFolder(folder, ClassNames, source);
    }

    /// <summary>The 60,000 training images and labels of a folder: the call the loading benchmark times.</summary>
    public static ImageSplit LoadTrain(string folder) => Mnist.LoadSplit(folder, "train");
}
