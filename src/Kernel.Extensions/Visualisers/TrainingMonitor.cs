using System.Globalization;
using System.Net;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Training;

namespace LearnLM.Kernel.Extensions.Visualisers;

/// <summary>
/// Live training curves (chapter 5, "Optimisation", and every chapter that trains after it): one output that
/// redraws train and validation loss and metrics, with a progress bar and ETA, in place — at most every
/// <see cref="MinInterval"/> and always at the end of an epoch — and ends as the final curve. Hosts that cannot
/// update in place (REPL, logs) get one line of text per epoch instead.
/// </summary>
/// <remarks>
/// Hand it to a trainer as a callback —
/// <c>new Trainer(model, loss, optimizer, new TrainerOptions { Epochs = 10, Callbacks = [new TrainingMonitor()] })</c> —
/// or call the four <c>On…</c> methods from a hand-written loop:
/// <code>
/// var monitor = new TrainingMonitor();
/// monitor.OnFitStart(epochs: 10, stepsPerEpoch: loader.Count);
/// for (...) { ...; monitor.OnStepEnd(loss.item&lt;float&gt;()); }
/// monitor.OnEpochEnd(new() { ["loss"] = trainLoss }, new() { ["loss"] = valLoss, ["accuracy"] = acc });
/// monitor.OnFitEnd();
/// </code>
/// </remarks>
public sealed class TrainingMonitor : ITrainingCallback
{
    readonly IDisplayHost _host;
    readonly TimeProvider _time;
    readonly string _displayId = "learnlm-training-" + Guid.NewGuid().ToString("N");
    readonly TrainingLog _log = new();
    long _startedAt, _lastDrawAt;
    int _epochs;
    bool _carriesScript, _started;

    /// <param name="host">Where to draw; the running cell's host when null, else the console.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="time">The clock (tests pass a manual one).</param>
    public TrainingMonitor(IDisplayHost? host = null, string title = "Training", TimeProvider? time = null)
    {
        _host = ConsoleDisplayHost.Resolve(host);
        _time = time ?? TimeProvider.System;
        Title = title;
    }

    public string Title { get; }

    /// <summary>Step-level redraws happen at most this often; epoch ends always redraw.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The display id every redraw of this run replaces.</summary>
    public string DisplayId => _displayId;

    public TrainingLog Log => _log;

    /// <param name="epochs">Epochs the run will train.</param>
    /// <param name="stepsPerEpoch">Batches per epoch, when known: makes the progress bar and ETA move within an epoch.</param>
    /// <param name="firstEpoch">The number of the first epoch (more than 1 when a run resumes).</param>
    public void OnFitStart(int epochs, int? stepsPerEpoch = null, int firstEpoch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (stepsPerEpoch is < 1) throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "Steps per epoch must be at least 1 when given.");
        (_epochs, _log.StepsPerEpoch, _log.FirstEpoch, _started) = (epochs, stepsPerEpoch, firstEpoch, true);
        _startedAt = _lastDrawAt = _time.GetTimestamp();
        if (!_host.SupportsUpdates)
        {
            _host.WriteStream(OutputStream.Stdout, $"{Title}: {epochs} epochs{(stepsPerEpoch is { } s ? $" of {s} steps" : "")}\n");
            return;
        }
        _carriesScript = PlotlyJs.ClaimDelivery();
        _host.Display(Bundle(includeScript: _carriesScript, finished: false), _displayId);
    }

    public void OnStepEnd(double loss)
    {
        EnsureStarted();
        _log.AddStep(loss);
        if (_host.SupportsUpdates && _time.GetElapsedTime(_lastDrawAt) >= MinInterval) Redraw(finished: false);
    }

    /// <param name="train">This epoch's training metrics, e.g. { ["loss"] = 0.31, ["accuracy"] = 0.9 }.</param>
    /// <param name="validation">This epoch's validation metrics, or null.</param>
    public void OnEpochEnd(IReadOnlyDictionary<string, double> train, IReadOnlyDictionary<string, double>? validation = null)
    {
        EnsureStarted();
        _log.AddEpoch(train, validation ?? new Dictionary<string, double>());
        if (_host.SupportsUpdates) Redraw(finished: false);
        else _host.WriteStream(OutputStream.Stdout, ProgressLine() + "\n");
    }

    public void OnFitEnd()
    {
        EnsureStarted();
        if (_host.SupportsUpdates) Redraw(finished: true);
        else _host.WriteStream(OutputStream.Stdout, $"{Title}: done, {_log.Epochs.Count} epochs in {Duration(Elapsed)}\n");
    }

    void ITrainingCallback.OnFitStart(FitStart start) => OnFitStart(start.Epochs, start.StepsPerEpoch, start.FirstEpoch);

    void ITrainingCallback.OnStepEnd(StepEnd step)
    {
        // A data source that is not a collection tells its size only once the first epoch has ended.
        _log.StepsPerEpoch ??= step.StepsPerEpoch;
        OnStepEnd(step.Loss);
    }

    void ITrainingCallback.OnEpochEnd(EpochRecord record) => OnEpochEnd(record.TrainValues, record.ValidValues);

    void ITrainingCallback.OnFitEnd(History history) => OnFitEnd();

    void EnsureStarted()
    {
        if (!_started) throw new InvalidOperationException("Call OnFitStart(epochs, stepsPerEpoch) before reporting steps or epochs.");
    }

    void Redraw(bool finished)
    {
        // The output that carried plotly.js keeps carrying it at the end, so the saved notebook still draws.
        _host.UpdateDisplay(Bundle(includeScript: finished && _carriesScript, finished), _displayId);
        // Timed from the end of the redraw: however slow drawing is, training gets at least MinInterval between draws.
        _lastDrawAt = _time.GetTimestamp();
    }

    TimeSpan Elapsed => _time.GetElapsedTime(_startedAt);

    /// <summary>Fraction of the run done: by steps when steps per epoch are known, else by epochs.</summary>
    double Fraction => _log.StepsPerEpoch is { } perEpoch
        ? Math.Min(1, (_log.Epochs.Count * (double)perEpoch + _log.StepsInCurrentEpoch) / (_epochs * (double)perEpoch))
        : Math.Min(1, _log.Epochs.Count / (double)_epochs);

    TimeSpan? Eta => Fraction is > 0 and < 1 ? Elapsed * ((1 - Fraction) / Fraction) : null;

    MimeBundle Bundle(bool includeScript, bool finished)
    {
        string status = finished
            ? $"done: {_log.Epochs.Count} epochs in {Duration(Elapsed)}"
            : $"epoch {Math.Min(_log.Epochs.Count + 1, _epochs)}/{_epochs} · {Percent(Fraction)} · {Duration(Elapsed)} elapsed" + (Eta is { } eta ? $" · ETA {Duration(eta)}" : "");
        string progress =
            $"<div class=\"learnlm-progress\"><progress value=\"{(finished ? 1 : Fraction).ToString("0.###", CultureInfo.InvariantCulture)}\" max=\"1\" style=\"width:60%\"></progress> " +
            $"<span>{WebUtility.HtmlEncode(status)}</span></div>";
        string figure = TrainingFigure.Json(_log, $"{Title} — {status}");
        return PlotlyChart.Bundle(figure, finished ? $"{Title}: {status}\n{LastMetrics()}" : ProgressLine(), includeScript, progress);
    }

    /// <summary>One line for text hosts: <c>epoch 3/10 [######--------------] 30% loss 0.4123 val_loss 0.4500 · 2.1 s, ETA 4.9 s</c>.</summary>
    public string ProgressLine()
    {
        const int width = 20;
        int filled = (int)Math.Round(Fraction * width);
        string bar = "[" + new string('#', filled) + new string('-', width - filled) + "]";
        string eta = Eta is { } e ? $", ETA {Duration(e)}" : "";
        return $"epoch {_log.Epochs.Count}/{_epochs} {bar} {Percent(Fraction)} {LastMetrics()} · {Duration(Elapsed)}{eta}".Replace("  ", " ");
    }

    string LastMetrics()
    {
        if (_log.Epochs.Count == 0) return "";
        var last = _log.Epochs[^1];
        return string.Join(" ", last.Train.Select(m => $"{m.Key} {Number(m.Value)}")
            .Concat(last.Validation.Select(m => $"val_{m.Key} {Number(m.Value)}")));
    }

    static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : $"{(int)span.TotalMinutes} min {span.Seconds} s";
}
