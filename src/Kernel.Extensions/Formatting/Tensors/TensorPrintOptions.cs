namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// How much of a tensor the formatters show, with PyTorch's defaults (<c>torch.set_printoptions</c>) so its readers
/// feel at home (chapter 1, "Setup and tensors").
/// </summary>
/// <param name="Threshold">Above this many elements, only the edges of each long dimension are shown.</param>
/// <param name="EdgeItems">How many items are kept at each end of a summarised dimension.</param>
/// <param name="Precision">Digits after the decimal point for floating-point values.</param>
/// <param name="HeatmapMinElements">2-D tensors with more elements than this also get a heatmap picture.</param>
/// <param name="MaxGridImages">At most this many images of a batch go into the image grid.</param>
public sealed record TensorPrintOptions(
    int Threshold = 1000,
    int EdgeItems = 3,
    int Precision = 4,
    int HeatmapMinElements = 1000,
    int MaxGridImages = 64)
{
    public static TensorPrintOptions Default { get; } = new();
}
