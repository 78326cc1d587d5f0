using System.Text.Json;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Extensions.Visualisers;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Visualisers;

public sealed class TrainingMonitorTests
{
    /// <summary>Trains y = 3x - 1 with SGD for a few epochs, reporting to <paramref name="monitor"/>; the clock moves 0.2 s a step.</summary>
    static void TrainTinyModel(TrainingMonitor monitor, ManualClock clock, int epochs, int steps)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(7);
        var x = rand(64, 1, dtype: ScalarType.Float64, generator: generator);
        var y = 3 * x - 1;
        var model = TorchSharp.torch.nn.Linear(1, 1, dtype: ScalarType.Float64);
        var optimizer = TorchSharp.torch.optim.SGD(model.parameters(), 0.5);
        monitor.OnFitStart(epochs, steps);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            for (int step = 0; step < steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var batch = x.narrow(0, step * 16 % 64, 16);
                var loss = nn.functional.mse_loss(model.call(batch), 3 * batch - 1);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<double>();
                clock.Advance(TimeSpan.FromSeconds(0.2));
                monitor.OnStepEnd(loss.item<double>());
            }
            double validation;
            using (no_grad()) validation = nn.functional.mse_loss(model.call(x), y).item<double>();
            monitor.OnEpochEnd(new Dictionary<string, double> { ["loss"] = sum / steps },
                               new Dictionary<string, double> { ["loss"] = validation, ["rmse"] = Math.Sqrt(validation) });
        }
        monitor.OnFitEnd();
    }

    static Dictionary<string, JsonElement> TracesByName(MimeBundle bundle)
    {
        using var figure = JsonDocument.Parse(bundle[MimeBundle.PlotlyJson]!);
        Assert.True(figure.RootElement.TryGetProperty("layout", out _));
        return figure.RootElement.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.Clone());
    }

    [Fact]
    public void A_training_run_updates_one_display_in_place_and_ends_with_the_full_curve()
    {
        var host = new RecordingHost();
        var clock = new ManualClock();
        var monitor = new TrainingMonitor(host, "tiny", clock);
        TrainTinyModel(monitor, clock, epochs: 3, steps: 4);

        var outputs = host.Outputs;
        Assert.Equal("display", outputs[0].Kind);
        Assert.All(outputs, o => Assert.Equal(monitor.DisplayId, o.DisplayId));
        var updates = outputs.Skip(1).ToList();
        Assert.All(updates, o => Assert.Equal("update", o.Kind));
        // 12 steps of 0.2 s: a step redraw whenever 0.5 s passed since the last draw, plus 3 epoch ends and the end.
        Assert.True(updates.Count >= 3 + 1 + 3, $"only {updates.Count} updates");

        var final = TracesByName(updates[^1].Bundle!);
        Assert.Equal(12, final["train loss (steps)"].GetProperty("y").GetArrayLength());
        Assert.Equal([1.0, 2.0, 3.0], final["train loss"].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(3, final["validation loss"].GetProperty("y").GetArrayLength());
        Assert.Equal(3, final["validation rmse"].GetProperty("y").GetArrayLength());
        var validation = final["validation loss"].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.True(validation[^1] < validation[0], "the tiny model should learn");   // the curve shows a real run
        var steps = final["train loss (steps)"].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(0.25, steps[0], 12);   // step 1 of 4 sits a quarter into epoch 1
        Assert.Equal(3.0, steps[^1], 12);

        var html = HtmlDocument.Parse(updates[^1].Bundle![MimeBundle.Html]);
        Assert.Equal("1", html.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("done: 3 epochs", html.QuerySelector(".learnlm-progress")!.TextContent);
        Assert.StartsWith("tiny: done: 3 epochs", updates[^1].Bundle![MimeBundle.PlainText]);
    }

    [Fact]
    public void Step_redraws_are_rate_limited()
    {
        var clock = new ManualClock();
        var drawnAt = new List<TimeSpan>();
        var host = new ClockedHost(clock, drawnAt);
        var monitor = new TrainingMonitor(host, "rate", clock);
        monitor.OnFitStart(1, 100);
        for (int i = 0; i < 100; i++) { clock.Advance(TimeSpan.FromSeconds(0.1)); monitor.OnStepEnd(1.0 / (i + 1)); }

        // 100 steps over 10 s, a redraw allowed every 0.5 s: 20 redraws, none closer than 0.5 s.
        Assert.Equal(20, drawnAt.Count);
        Assert.All(drawnAt.Zip(drawnAt.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(0.5)));
        monitor.OnEpochEnd(new Dictionary<string, double> { ["loss"] = 0.01 });
        Assert.Equal(21, drawnAt.Count);   // an epoch end always redraws
    }

    [Fact]
    public void Only_the_first_and_final_outputs_carry_plotly_js()
    {
        var host = new RecordingHost();
        var clock = new ManualClock();
        var monitor = new TrainingMonitor(host, "script", clock);
        TrainTinyModel(monitor, clock, epochs: 2, steps: 3);
        var outputs = host.Outputs;
        bool first = outputs[0].Bundle![MimeBundle.Html]!.Contains("typeof window.Plotly === 'undefined'");
        Assert.All(outputs.Skip(1).SkipLast(1), o => Assert.DoesNotContain("typeof window.Plotly === 'undefined'", o.Bundle![MimeBundle.Html]));
        Assert.Equal(first, outputs[^1].Bundle![MimeBundle.Html]!.Contains("typeof window.Plotly === 'undefined'"));
    }

    [Fact]
    public void The_embedded_plotly_js_is_the_real_library()
    {
        Assert.True(PlotlyJs.Script.Length > 1_000_000, $"plotly.min.js is only {PlotlyJs.Script.Length} characters");
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Script[..2000]);
        Assert.DoesNotContain("</script", PlotlyJs.Script, StringComparison.OrdinalIgnoreCase);
        // Offline: the chart's HTML loads nothing from anywhere; plotly.js is inline.
        var html = HtmlDocument.Parse(PlotlyChart.Html("{\"data\":[],\"layout\":{}}", includeScript: true));
        Assert.All(html.QuerySelectorAll("script"), script => Assert.False(script.HasAttribute("src")));
        Assert.Contains(html.QuerySelectorAll("script"), script => script.TextContent.Length > 1_000_000);
    }

    [Fact]
    public void A_host_without_updates_gets_one_text_line_per_epoch()
    {
        var host = new RecordingHost(supportsUpdates: false);
        var clock = new ManualClock();
        TrainTinyModel(new TrainingMonitor(host, "text", clock), clock, epochs: 2, steps: 5);
        Assert.DoesNotContain(host.Outputs, o => o.Kind is "display" or "update");
        var lines = host.Stdout.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);   // header, two epochs, done
        Assert.Equal("text: 2 epochs of 5 steps", lines[0]);
        Assert.Matches(@"^epoch 1/2 \[#{10}-{10}\] 50% loss [\d.]+ val_loss [\d.]+ val_rmse [\d.]+ · 1\.0 s, ETA 1\.0 s$", lines[1]);
        Assert.StartsWith("epoch 2/2 [####################] 100%", lines[2]);
        Assert.Equal("text: done, 2 epochs in 2.0 s", lines[3]);
    }

    [Fact]
    public void Reporting_before_fit_start_is_an_error_that_says_what_to_call()
    {
        var monitor = new TrainingMonitor(new RecordingHost());
        var error = Assert.Throws<InvalidOperationException>(() => monitor.OnStepEnd(1));
        Assert.Contains("OnFitStart", error.Message);
    }

    sealed class ClockedHost(ManualClock clock, List<TimeSpan> drawnAt) : IDisplayHost
    {
        public bool SupportsUpdates => true;
        public void WriteStream(OutputStream stream, string text) { }
        public void Display(MimeBundle bundle, string? displayId = null) { }
        public void UpdateDisplay(MimeBundle bundle, string displayId) => drawnAt.Add(clock.Now);
    }
}
