using System.Globalization;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Models;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Modules;

/// <summary>
/// Shows a model (chapter 3 onwards; chapter 7 introduces the summary): every sub-module with its type, output shape
/// and parameter count, indented by depth, and the totals — from <see cref="ModelSummary"/>. A model shown as a
/// cell's value has no sample input, so output shapes appear once a notebook shows <c>ModelSummary.Of(model, x)</c>.
/// </summary>
public static class ModuleFormatter
{
    public static MimeBundle Format(nn.Module module) => Format(ModelSummary.Of(module));

    public static MimeBundle Format(ModelSummary summary)
    {
        var rows = summary.Layers.Select(layer => ((string?)null, (IReadOnlyList<string>)
        [
            new string('\u00a0', 2 * (layer.Depth - 1)) + layer.Name,   // non-breaking spaces keep the indent in HTML
            layer.Type,
            Shape(layer.OutputShape),
            Count(layer.Parameters),
            layer.Parameters == 0 ? "" : layer.Trainable ? "yes" : "no",
        ])).ToList();
        var table = new TableView(summary.ModelType + " layers", null, ["Name", "Type", "Output shape", "Parameters", "Trainable"], rows, [], rows.Count);
        string totals = $"{summary.ModelType}: input {Shape(summary.InputShape)} → output {Shape(summary.OutputShape)}; " +
                        $"{Count(summary.TotalParameters)} parameters ({Count(summary.TrainableParameters)} trainable, {Count(summary.FrozenParameters)} frozen)";
        return new MimeBundle(new Dictionary<string, string>
        {
            [MimeBundle.PlainText] = summary.ToString(),
            [MimeBundle.Html] = $"<div class=\"learnlm-module\"><p class=\"learnlm-module-totals\" data-total=\"{summary.TotalParameters}\" " +
                                $"data-trainable=\"{summary.TrainableParameters}\">{Html.Escape(totals)}</p>{table.ToHtml()}</div>",
        });
    }

    static string Shape(long[]? shape) => shape is null ? "-" : "[" + string.Join(", ", shape) + "]";

    /// <summary>A count with thousands separators, the way model summaries print them.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
