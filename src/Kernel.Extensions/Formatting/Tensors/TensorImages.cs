using LearnLM.Kernel.Extensions.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// Pictures of tensors: a heatmap for large matrices, a grid for image batches (chapters 1, 7 and 8). Both shrink
/// the tensor on its own device first (adaptive average pooling), so only a bounded picture is copied to the CPU.
/// </summary>
public static class TensorImages
{
    /// <summary>Heatmaps are at most this many pixels a side before scaling up small matrices.</summary>
    public const int MaxHeatmapSide = 256;

    /// <summary>Grid images larger than this a side are pooled down to it.</summary>
    public const int MaxGridImageSide = 128;

    /// <summary>Pixels between grid images, as torchvision's <c>make_grid</c> (padding=2).</summary>
    public const int GridPadding = 2;

    /// <summary>Images per grid row, as torchvision's <c>make_grid</c> (nrow=8).</summary>
    public const int GridColumns = 8;

    /// <summary>True for N×C×H×W with C in {1, 3}, or N×H×W, with pictures at least 8×8 and a real dtype.</summary>
    public static bool IsImageBatch(Tensor tensor)
    {
        var s = tensor.shape;
        bool real = tensor.dtype != ScalarType.Bool && !TensorNames.IsComplex(tensor.dtype);
        return real && tensor.numel() > 0 && (s.Length == 4 && s[1] is 1 or 3 && s[2] >= 8 && s[3] >= 8
                                           || s.Length == 3 && s[1] >= 8 && s[2] >= 8);
    }

    /// <summary>A viridis heatmap of a 2-D tensor, colours spanning [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <returns>The PNG and its size.</returns>
    public static (byte[] Png, int Width, int Height) Heatmap(Tensor matrix, double min, double max)
    {
        if (matrix.dim() != 2) throw new ArgumentException($"A heatmap needs a 2-D tensor; this one has shape {TensorNames.Shape(matrix.shape)}.", nameof(matrix));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var image = Shrink(matrix.to_type(ScalarType.Float32).unsqueeze(0).unsqueeze(0), MaxHeatmapSide)[0, 0];   // (h, w)
        int h = (int)image.shape[0], w = (int)image.shape[1];
        // Small matrices get whole-pixel cells so they are not a few dots.
        int cell = Math.Max(1, MaxHeatmapSide / Math.Max(h, w));
        var values = image.cpu().contiguous().data<float>().ToArray();
        double range = max > min ? max - min : 1;
        var rgb = new byte[w * cell * h * cell * 3];
        for (int y = 0; y < h * cell; y++)
            for (int x = 0; x < w * cell; x++)
            {
                var (r, g, b) = ColorMap.Viridis((values[y / cell * w + x / cell] - min) / range);
                int p = (y * w * cell + x) * 3;
                (rgb[p], rgb[p + 1], rgb[p + 2]) = (r, g, b);
            }
        return (Png.EncodeRgb(rgb, w * cell, h * cell), w * cell, h * cell);
    }

    /// <summary>
    /// The first <paramref name="maxImages"/> images of a batch in a grid (8 a row, 2-pixel black padding). uint8
    /// images are read as 0–255, float images already in [0, 1] as they are, anything else is scaled to its min–max.
    /// </summary>
    public static (byte[] Png, int Width, int Height, int Count) Grid(Tensor batch, int maxImages = 64)
    {
        if (!IsImageBatch(batch)) throw new ArgumentException(
            $"An image grid needs N×C×H×W (C = 1 or 3) or N×H×W images of at least 8×8; this tensor has shape {TensorNames.Shape(batch.shape)}.", nameof(batch));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int n = (int)Math.Min(batch.shape[0], maxImages);
        var images = batch.narrow(0, 0, n);
        if (images.dim() == 3) images = images.unsqueeze(1);                      // (n, 1, H, W)
        bool bytes = images.dtype == ScalarType.Byte;
        images = Shrink(images.to_type(ScalarType.Float32), MaxGridImageSide);    // (n, C, h, w)
        if (bytes) images = images / 255;
        else
        {
            double min = images.min().item<float>(), max = images.max().item<float>();
            if (min < 0 || max > 1) images = (images - min) / (max > min ? max - min : 1);
        }
        images = images.nan_to_num(0).clamp(0, 1);
        if (images.shape[1] == 1) images = images.expand(-1, 3, -1, -1);          // grey to RGB
        int h = (int)images.shape[2], w = (int)images.shape[3];
        var pixels = (images * 255).round().to_type(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().cpu().data<byte>().ToArray();   // (n, h, w, 3)

        int columns = Math.Min(n, GridColumns), rows = (n + columns - 1) / columns;
        int width = columns * (w + GridPadding) + GridPadding, height = rows * (h + GridPadding) + GridPadding;
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < n; i++)
        {
            int left = GridPadding + i % columns * (w + GridPadding), top = GridPadding + i / columns * (h + GridPadding);
            for (int y = 0; y < h; y++)
                Array.Copy(pixels, ((long)i * h + y) * w * 3, rgb, ((top + y) * width + left) * 3, w * 3);
        }
        return (Png.EncodeRgb(rgb, width, height), width, height, n);
    }

    /// <summary>Average-pools (N, C, H, W) so neither side exceeds <paramref name="maxSide"/>, keeping the aspect ratio.</summary>
    static Tensor Shrink(Tensor images, int maxSide)
    {
        long h = images.shape[2], w = images.shape[3];
        if (h <= maxSide && w <= maxSide) return images;
        // Huge sides are first strided down to at most four source pixels per output pixel, so pooling reads a
        // bounded number of elements (a strided slice is a view: nothing is copied).
        long step = Math.Max(1, Math.Max(h, w) / (4L * maxSide));
        if (step > 1) (images, h, w) = (images.slice(2, 0, h, step).slice(3, 0, w, step), (h + step - 1) / step, (w + step - 1) / step);
        if (h <= maxSide && w <= maxSide) return images;
        double factor = (double)maxSide / Math.Max(h, w);
        return nn.functional.adaptive_avg_pool2d(images, [Math.Max(1, (long)(h * factor)), Math.Max(1, (long)(w * factor))]);
    }
}
