using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Visualisers;
using LearnLM.Training;

namespace LearnLM.Kernel.Extensions.Formatting.Tables;

/// <summary>A training <see cref="History"/> (chapter 5): its loss and metric curves, then its epochs as a table.</summary>
public static class HistoryFormatter
{
    public static MimeBundle Format(History history)
    {
        var table = DataFrameFormatter.View(history.ToDataFrame()) with { Kind = "History" };
        if (history.Count == 0) return table.ToBundle();
        string figure = TrainingFigure.Json(TrainingLog.From(history), $"History: {history.Count} epochs");
        var chart = PlotlyChart.Bundle(figure, table.ToText(), PlotlyJs.ClaimDelivery());
        return new MimeBundle(new Dictionary<string, string>
        {
            [MimeBundle.PlainText] = table.ToText(),
            [MimeBundle.Html] = chart[MimeBundle.Html] + table.ToHtml(),
            [MimeBundle.PlotlyJson] = figure,
        });
    }
}
