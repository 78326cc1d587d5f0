using System.Text.Json;
using LearnLM.Kernel.Extensions.Formatting;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Visualisers;
using LearnLM.Training;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Visualisers;

/// <summary>The monitor as LearnLM's <see cref="Trainer"/> drives it, and the history it leaves.</summary>
public sealed class TrainerMonitorTests
{
    static (Trainer Trainer, List<(Tensor, Tensor)> Data) TinyRegression(params ITrainingCallback[] callbacks)
    {
        var generator = new TorchSharp.torch.Generator(11);
        var data = Enumerable.Range(0, 4).Select(_ =>
        {
            var x = rand(8, 1, dtype: ScalarType.Float64, generator: generator);
            return (x, 2 * x + 0.5);
        }).ToList();
        var model = nn.Linear(1, 1, dtype: ScalarType.Float64);
        var trainer = new Trainer(model, (yHat, y) => nn.functional.mse_loss(yHat, y), optim.SGD(model.parameters(), 0.5),
            new TrainerOptions { Epochs = 3, Metrics = [new Rmse()], Callbacks = callbacks, Device = CPU });
        return (trainer, data);
    }

    [Fact]
    public void The_trainer_drives_the_monitor_through_its_callback_interface()
    {
        var host = new RecordingHost();
        var clock = new ManualClock();
        var monitor = new TrainingMonitor(host, "trainer", clock) { MinInterval = TimeSpan.Zero };   // every step redraws
        var (trainer, data) = TinyRegression(monitor);
        var history = trainer.Fit(data, data, TestContext.Current.CancellationToken);

        var outputs = host.Outputs;
        Assert.Equal("display", outputs[0].Kind);
        Assert.Equal(12 + 3 + 1, outputs.Count(o => o.Kind == "update" && o.DisplayId == monitor.DisplayId));   // steps, epochs, end
        using var figure = JsonDocument.Parse(outputs[^1].Bundle![MimeBundle.PlotlyJson]!);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.Clone());
        Assert.Equal(12, traces["train loss (steps)"].GetProperty("y").GetArrayLength());
        var validation = traces["validation loss"].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(history.Select(r => r.ValidLoss!.Value), validation);
        Assert.Equal(3, traces["validation rmse"].GetProperty("y").GetArrayLength());
    }

    [Fact]
    public void A_history_shows_as_curves_and_a_table_of_epochs()
    {
        var (trainer, data) = TinyRegression();
        var history = trainer.Fit(data, data, TestContext.Current.CancellationToken);
        var bundle = Formatter.Format(history);

        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-frame");
        Assert.Equal(["", .. history.Columns], table[0]);
        Assert.Equal(1 + 3, table.Count);
        Assert.Equal(history[2].TrainLoss, double.Parse(table[3][2], System.Globalization.CultureInfo.InvariantCulture), 1e-5);
        using var figure = JsonDocument.Parse(bundle[MimeBundle.PlotlyJson]!);
        var names = figure.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["train loss", "validation loss", "train rmse", "validation rmse"], names);
        Assert.StartsWith("History", bundle[MimeBundle.PlainText]!.Split('\n')[^1]);
    }
}
