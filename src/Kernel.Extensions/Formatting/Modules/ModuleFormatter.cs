using System.Globalization;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Hosts;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Modules;

/// <summary>
/// Shows a model (chapter 3 onwards): each parameter with its shape, count and whether it trains, and the totals.
/// </summary>
public static class ModuleFormatter
{
    public static MimeBundle Format(nn.Module module)
    {
        var rows = new List<(string? Label, IReadOnlyList<string> Cells)>();
        long total = 0, trainable = 0;
        foreach (var (name, parameter) in module.named_parameters())
        {
            long count = parameter.numel();
            total += count;
            if (parameter.requires_grad) trainable += count;
            rows.Add((null, [name, "[" + string.Join(", ", parameter.shape) + "]", Count(count), parameter.requires_grad ? "yes" : "no"]));
        }
        var table = new TableView(module.GetName() + " parameters", null, ["Parameter", "Shape", "Parameters", "Trainable"], rows, [], rows.Count);
        string totals = $"{module.GetName()} ({module.GetType().Name}): {Count(total)} parameters, {Count(trainable)} trainable";
        return new MimeBundle(new Dictionary<string, string>
        {
            [MimeBundle.PlainText] = totals + "\n" + table.ToText(),
            [MimeBundle.Html] = $"<div class=\"learnlm-module\"><p class=\"learnlm-module-totals\" data-total=\"{total}\" data-trainable=\"{trainable}\">{Html.Escape(totals)}</p>{table.ToHtml()}</div>",
        });
    }

    /// <summary>A count with thousands separators, the way model summaries print them.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
