using static TorchSharp.torch;

namespace LearnLM.Data.Loaders;

/// <summary>
/// Images and their labels (chapters 7–8): <see cref="Images"/> is uint8 (N, C, H, W) as stored, <see cref="Labels"/>
/// int64 (N). Turn the images into floats with <see cref="LearnLM.Data.Batching.ImageTransforms"/>.
/// </summary>
public sealed record ImageSplit(Tensor Images, Tensor Labels) : IDisposable
{
    public long Count => Labels.shape[0];
    /// <summary>The images as float32 in [0, 1], same shape.</summary>
    public Tensor FloatImages() => LearnLM.Data.Batching.ImageTransforms.ToFloat(Images);
    public void Dispose() { Images.Dispose(); Labels.Dispose(); }
}

/// <summary>An image dataset's train and test splits, its class names, and where it was read from (chapters 7–8).</summary>
public sealed record ImageDataset(ImageSplit Train, ImageSplit Test, IReadOnlyList<string> ClassNames, string Source) : IDisposable
{
    public void Dispose() { Train.Dispose(); Test.Dispose(); }
}
