using System.Globalization;
using LearnLM.Kernel.Extensions.Formatting.Tensors;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Imaging;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Formatting;

public sealed class TensorFormatterTests(ITestOutputHelper output)
{
    [Fact]
    public void A_small_matrix_shows_header_every_value_and_statistics()
    {
        using var t = tensor(new float[] { 1.5f, -2.25f, 3f, 4f, 5f, 6.125f }).reshape(2, 3);
        var bundle = TensorFormatter.Format(t);

        var doc = HtmlDocument.Parse(bundle[MimeBundle.Html]);
        Assert.Equal("[2, 3]", doc.Field("shape"));
        Assert.Equal("float32", doc.Field("dtype"));
        Assert.Equal("cpu", doc.Field("device"));
        Assert.Equal("False", doc.Field("requires_grad"));
        var table = doc.Table(".learnlm-tensor-values");
        Assert.Equal(["", "0", "1", "2"], table[0]);
        Assert.Equal(["0", "1.5000", "-2.2500", "3.0000"], table[1]);
        Assert.Equal(["1", "4.0000", "5.0000", "6.1250"], table[2]);

        var stats = doc.Table(".learnlm-tensor-stats");
        Assert.Equal(["min", "max", "mean", "std", "NaN", "Inf"], stats[0]);
        Assert.Equal(-2.25, double.Parse(stats[1][0], CultureInfo.InvariantCulture));
        Assert.Equal(6.125, double.Parse(stats[1][1], CultureInfo.InvariantCulture));
        Assert.Equal(t.mean().item<float>(), double.Parse(stats[1][2], CultureInfo.InvariantCulture), 5);
        Assert.Equal(t.std().item<float>(), double.Parse(stats[1][3], CultureInfo.InvariantCulture), 5);

        string text = bundle[MimeBundle.PlainText]!;
        Assert.StartsWith("shape=[2, 3] dtype=float32 device=cpu requires_grad=False\n", text);
        Assert.Contains("tensor([[ 1.5000, -2.2500,  3.0000],\n        [ 4.0000,  5.0000,  6.1250]])", text);
        Assert.Null(bundle[MimeBundle.Png]);   // small matrices are read as numbers
    }

    [Fact]
    public void A_large_tensor_keeps_three_edge_items_per_dimension_with_ellipses()
    {
        using var t = arange(2000, dtype: ScalarType.Int64);
        var bundle = TensorFormatter.Format(t);
        Assert.Contains("tensor([   0,    1,    2, ..., 1997, 1998, 1999])", bundle[MimeBundle.PlainText]);

        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-tensor-values");
        Assert.Equal(["", "0", "1", "2", "…", "1997", "1998", "1999"], table[0]);
        Assert.Equal(["", "0", "1", "2", "…", "1997", "1998", "1999"], table[1]);
    }

    [Fact]
    public void A_large_matrix_elides_rows_and_columns_and_gets_a_heatmap()
    {
        using var t = (arange(40 * 30, dtype: ScalarType.Float64) + 1000).reshape(40, 30);
        var bundle = TensorFormatter.Format(t);
        var doc = HtmlDocument.Parse(bundle[MimeBundle.Html]);
        var table = doc.Table(".learnlm-tensor-values");
        Assert.Equal(["", "0", "1", "2", "…", "27", "28", "29"], table[0]);
        Assert.Equal(["0", "1000.", "1001.", "1002.", "…", "1027.", "1028.", "1029."], table[1]);
        Assert.All(table[4], cell => Assert.Equal("…", cell));                        // the ellipsis row
        Assert.Equal(["39", "2170.", "2171.", "2172.", "…", "2197.", "2198.", "2199."], table[7]);
        Assert.Equal(8, table.Count);

        var png = Convert.FromBase64String(bundle[MimeBundle.Png]!);
        // 40×30 is under the 256-pixel side, so each element becomes a 256/40 = 6-pixel square.
        Assert.Equal((30 * 6, 40 * 6), Png.ReadSize(png));
        Assert.NotNull(doc.QuerySelector("img.learnlm-heatmap"));
        output.WriteLine($"heatmap PNG for 40×30: {png.Length} bytes");
    }

    [Fact]
    public void Values_follow_pytorch_number_formats()
    {
        using var small = tensor(new double[] { 1e-5, 1 });
        Assert.Contains("tensor([1.0000e-05, 1.0000e+00])", TensorFormatter.Format(small)[MimeBundle.PlainText]);
        using var special = tensor(new float[] { float.NaN, float.PositiveInfinity, 2.5f });
        var text = TensorFormatter.Format(special)[MimeBundle.PlainText]!;
        Assert.Contains("tensor([   nan,    inf, 2.5000])", text);
        Assert.Contains("nan=1 inf=1", text);
        using var flags = tensor(new[] { true, false });
        Assert.Contains("tensor([ True, False])", TensorFormatter.Format(flags)[MimeBundle.PlainText]);
        using var scalar = tensor(3.25);
        Assert.Contains("tensor(3.2500)", TensorFormatter.Format(scalar)[MimeBundle.PlainText]);
    }

    [Fact]
    public void Statistics_skip_non_finite_values_and_count_them()
    {
        using var t = tensor(new double[] { 1, 2, double.NaN, 3, double.NegativeInfinity, double.NaN });
        var stats = TensorStatistics.Compute(t)!;
        Assert.Equal((1.0, 3.0, 2.0, 1.0), (stats.Min, stats.Max, stats.Mean, stats.Std));
        Assert.Equal((2L, 1L, 6L), (stats.NaNCount, stats.InfCount, stats.Count));
    }

    [Fact]
    public void A_three_dimensional_tensor_prints_blocks_like_pytorch()
    {
        using var t = arange(8, dtype: ScalarType.Int32).reshape(2, 2, 2);
        var bundle = TensorFormatter.Format(t);
        Assert.Contains("tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])", bundle[MimeBundle.PlainText]);
        Assert.Equal("int32", HtmlDocument.Parse(bundle[MimeBundle.Html]).Field("dtype"));
    }

    [Fact]
    public void An_image_batch_becomes_a_grid_of_the_expected_size()
    {
        using var images = rand(10, 1, 28, 28);
        var bundle = TensorFormatter.Format(images);
        var png = Convert.FromBase64String(bundle[MimeBundle.Png]!);
        // torchvision's make_grid layout: 8 a row, 2 rows, 2-pixel padding around every image.
        Assert.Equal((8 * 30 + 2, 2 * 30 + 2), Png.ReadSize(png));
        Assert.NotNull(HtmlDocument.Parse(bundle[MimeBundle.Html]).QuerySelector("img.learnlm-image-grid"));
        output.WriteLine($"image grid PNG for 10×1×28×28: {png.Length} bytes");
    }

    [Fact]
    public void The_image_grid_keeps_pixel_values()
    {
        // One white 8×8 image in a batch of two: uint8 255 must come out white, 0 black.
        using var images = cat([full(1, 3, 8, 8, 255, dtype: ScalarType.Byte), zeros(1, 3, 8, 8, dtype: ScalarType.Byte)]);
        var (png, width, height, count) = TensorImages.Grid(images);
        Assert.Equal((2, 2 * 10 + 2, 12), (count, width, height));
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(new SkiaSharp.SKColor(255, 255, 255), bitmap.GetPixel(2, 2));
        Assert.Equal(new SkiaSharp.SKColor(0, 0, 0), bitmap.GetPixel(12, 2));
    }

    [Fact]
    public void A_hundred_million_elements_format_from_edges_and_device_reductions()
    {
        using var t = ones(10_000, 10_000);
        t[0, 0] = tensor(-3f);
        t[9_999, 9_999] = tensor(5f);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var bundle = TensorFormatter.Format(t);
        watch.Stop();
        output.WriteLine($"formatting a 10,000×10,000 float32 tensor took {watch.ElapsedMilliseconds} ms");
        var statsWatch = System.Diagnostics.Stopwatch.StartNew();
        TensorStatistics.Compute(t);
        output.WriteLine($"of which statistics (aminmax, std_mean) take about {statsWatch.ElapsedMilliseconds} ms");

        string text = bundle[MimeBundle.PlainText]!;
        Assert.StartsWith("shape=[10000, 10000] dtype=float32", text);
        Assert.Contains("min=-3 max=5", text);
        Assert.Contains("nan=0 inf=0", text);
        var stats = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-tensor-stats");
        double n = 1e8, mean = (n - 2 + -3 + 5) / n;
        // float32 reductions over 1e8 elements: torch sums pairwise, so the error stays near 1e-7 relative.
        Assert.Equal(mean, double.Parse(stats[1][2], CultureInfo.InvariantCulture), 1e-5);
        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-tensor-values");
        Assert.Equal(["", "0", "1", "2", "…", "9997", "9998", "9999"], table[0]);
        Assert.Equal("-3.", table[1][1]);
        Assert.Equal("5.", table[^1][^1]);
        var png = Convert.FromBase64String(bundle[MimeBundle.Png]!);
        Assert.Equal((256, 256), Png.ReadSize(png));
        // No time bound here (shared CI machines; speed targets live in bench/): the time goes to the test output.
    }
}
