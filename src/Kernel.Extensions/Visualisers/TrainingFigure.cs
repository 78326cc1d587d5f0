using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace LearnLM.Kernel.Extensions.Visualisers;

/// <summary>
/// Draws a <see cref="TrainingLog"/> with Plotly.NET: losses on top (every step, faint; each epoch's train and
/// validation loss, bold), other metrics below (chapter 5 onwards).
/// </summary>
public static class TrainingFigure
{
    /// <summary>At most this many step points are drawn; longer runs are averaged into this many buckets.</summary>
    public const int MaxStepPoints = 1000;

    /// <summary>The figure JSON, titled: Plotly.NET's title setter is F#-curried, so the title goes in through the JSON.</summary>
    public static string Json(TrainingLog log, string title)
    {
        var figure = System.Text.Json.Nodes.JsonNode.Parse(PlotlyChart.FigureJson(Build(log)))!.AsObject();
        if (figure["layout"] is not System.Text.Json.Nodes.JsonObject layout) figure["layout"] = layout = new();
        layout["title"] = new System.Text.Json.Nodes.JsonObject { ["text"] = title };
        return figure.ToJsonString();
    }

    public static GenericChart Build(TrainingLog log)
    {
        var losses = new List<GenericChart>();
        var steps = Bucket(log.StepPoints().ToList(), MaxStepPoints);
        if (steps.Count > 0)
            losses.Add(CSharpChart.Line<double, double, string>(steps.Select(p => p.X), steps.Select(p => p.Loss), Name: "train loss (steps)", Opacity: 0.4));
        losses.AddRange(EpochLines(log, "loss", "train loss", "validation loss"));

        var metricNames = log.Epochs.SelectMany(e => e.Train.Keys.Concat(e.Validation.Keys)).Where(k => k != "loss").Distinct().ToList();
        var metrics = metricNames.SelectMany(name => EpochLines(log, name, "train " + name, "validation " + name)).ToList();

        var lossChart = losses.Count > 0 ? CSharpChart.Combine(losses) : CSharpChart.Line<double, double, string>(Array.Empty<double>(), Array.Empty<double>(), Name: "train loss");
        var chart = metrics.Count == 0
            ? lossChart.WithXAxisStyle<double, double, string>(TitleText: "epoch").WithYAxisStyle<double, double, string>(TitleText: "loss")
            : CSharpChart.Grid([lossChart, CSharpChart.Combine(metrics)], 2, 1, SubPlotTitles: new[] { "loss", "metrics" });
        return chart.WithSize(Width: 720, Height: metrics.Count == 0 ? 400 : 640);
    }

    static IEnumerable<GenericChart> EpochLines(TrainingLog log, string metric, string trainName, string validationName)
    {
        foreach (var (name, pick) in new (string, Func<TrainingLog.EpochMetrics, IReadOnlyDictionary<string, double>>)[]
                 { (trainName, e => e.Train), (validationName, e => e.Validation) })
        {
            var points = log.Epochs.Where(e => pick(e).ContainsKey(metric)).Select(e => (X: (double)e.Epoch, Y: pick(e)[metric])).ToList();
            if (points.Count > 0)
                yield return CSharpChart.Line<double, double, string>(points.Select(p => p.X), points.Select(p => p.Y), Name: name, ShowMarkers: true);
        }
    }

    /// <summary>Averages consecutive points into at most <paramref name="max"/> buckets, keeping the curve's shape.</summary>
    static List<(double X, double Loss)> Bucket(List<(double X, double Loss)> points, int max)
    {
        if (points.Count <= max) return points;
        double size = (double)points.Count / max;
        return Enumerable.Range(0, max).Select(b =>
        {
            var bucket = points.Skip((int)(b * size)).Take(Math.Max(1, (int)((b + 1) * size) - (int)(b * size))).ToList();
            return (bucket[^1].X, bucket.Average(p => p.Loss));
        }).ToList();
    }
}
