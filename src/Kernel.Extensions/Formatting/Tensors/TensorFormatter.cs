using System.Text;
using LearnLM.Kernel.Extensions.Hosts;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// Shows a tensor (chapter 1, "Setup and tensors"): a header with shape, dtype, device and requires_grad; its values
/// summarised like PyTorch's print; statistics; an HTML table for 1-D and 2-D; a heatmap for large matrices; an image
/// grid for image batches. Work is bounded by the print options, not by the tensor's size.
/// </summary>
public static class TensorFormatter
{
    /// <summary>The print options used by <see cref="Format(Tensor)"/>; notebooks may change them.</summary>
    public static TensorPrintOptions Options { get; set; } = TensorPrintOptions.Default;

    public static MimeBundle Format(Tensor tensor) => Format(tensor, Options);

    public static MimeBundle Format(Tensor tensor, TensorPrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.IsInvalid) return MimeBundle.Text("tensor(<disposed>)");
        string dtype = TensorNames.DType(tensor.dtype), device = tensor.device.ToString();
        string header = $"shape={TensorNames.Shape(tensor.shape)} dtype={dtype} device={device} requires_grad={(tensor.requires_grad ? "True" : "False")}";
        if (TensorNames.IsComplex(tensor.dtype))
            return MimeBundle.Text(header + "\n(complex values are not previewed)");

        var preview = TensorPreview.Take(tensor, options);
        var format = ValueFormat.For(preview.DType, preview.Values, options.Precision);
        var stats = TensorStatistics.Compute(tensor);

        var text = new StringBuilder(header).Append('\n').Append(TensorText.Values(preview, options));
        if (stats is not null) text.Append('\n').Append(TensorHtml.StatisticsText(stats, options.Precision));

        var html = new StringBuilder("<div class=\"learnlm-tensor\">")
            .Append(TensorHtml.Header(tensor.shape, dtype, device, tensor.requires_grad));
        var data = new Dictionary<string, string> { [MimeBundle.PlainText] = text.ToString() };

        if (TensorImages.IsImageBatch(tensor))
        {
            var (png, width, _, count) = TensorImages.Grid(tensor, options.MaxGridImages);
            int scale = Math.Clamp(64 / (int)Math.Max(tensor.shape[^1], tensor.shape[^2]), 1, 4);
            html.Append($"<div>first {count} of {tensor.shape[0]} images</div>").Append(Html.Image("learnlm-image-grid", png, width, scale));
            html.Append("<details><summary>values</summary><pre class=\"learnlm-tensor-text\">")
                .Append(Html.Escape(TensorText.Values(preview, options))).Append("</pre></details>");
            data[MimeBundle.Png] = Convert.ToBase64String(png);
        }
        else if (preview.Rank is 1 or 2 && preview.Values.Length > 0)
            html.Append(TensorHtml.ValuesTable(preview, format));
        else
            html.Append("<pre class=\"learnlm-tensor-text\">").Append(Html.Escape(TensorText.Values(preview, options))).Append("</pre>");

        if (preview.Rank == 2 && tensor.numel() > options.HeatmapMinElements && stats is not null && tensor.shape.All(n => n >= 2))
        {
            var (png, width, _) = TensorImages.Heatmap(tensor, stats.Min, stats.Max);
            html.Append(Html.Image("learnlm-heatmap", png, width));
            data[MimeBundle.Png] = Convert.ToBase64String(png);
        }
        if (stats is not null) html.Append(TensorHtml.Statistics(stats, options.Precision));
        data[MimeBundle.Html] = html.Append("</div>").ToString();
        return new MimeBundle(data);
    }
}
