using System.Diagnostics;

namespace LearnLM.Training;

/// <summary>
/// Plain-text progress (chapter 5): a line per epoch with its losses, metrics, time and an estimate of the time left,
/// and optionally a line every <see cref="StepInterval"/> steps. Writes to the console unless given a writer.
/// Notebooks use a live chart instead; this is for scripts, the REPL and logs.
/// </summary>
public sealed class ProgressCallback(TextWriter? output = null, int stepInterval = 0) : ITrainingCallback
{
    readonly Stopwatch _clock = new();
    int _firstEpoch, _lastEpoch;

    public TextWriter Output { get; } = output ?? Console.Out;
    public int StepInterval { get; } = stepInterval;

    public void OnFitStart(FitStart start)
    {
        _firstEpoch = start.FirstEpoch;
        _lastEpoch = start.LastEpoch;
        _clock.Restart();
        string steps = start.StepsPerEpoch is { } n ? $" of {n} steps" : "";
        Output.WriteLine($"Training {start.Epochs} epoch{(start.Epochs == 1 ? "" : "s")}{steps} on {start.Trainer.Device}.");
    }

    public void OnStepEnd(StepEnd step)
    {
        if (StepInterval <= 0 || step.Step % StepInterval != 0) return;
        string of = step.StepsPerEpoch is { } n ? $"/{n}" : "";
        Output.WriteLine($"  epoch {step.Epoch} step {step.Step}{of}: loss {step.Loss:F4}");
    }

    public void OnEpochEnd(EpochRecord record)
    {
        int done = record.Epoch - _firstEpoch + 1;
        int left = _lastEpoch - record.Epoch;
        var eta = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / done * left);
        Output.WriteLine($"{record} ({record.Epoch}/{_lastEpoch}{(left > 0 ? $", about {Format(eta)} left" : "")})");
    }

    public void OnFitEnd(History history) =>
        Output.WriteLine($"Done: {history.Count} epoch{(history.Count == 1 ? "" : "s")} in the history, {Format(_clock.Elapsed)} this fit.");

    static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.TotalSeconds:F1} s";
}
