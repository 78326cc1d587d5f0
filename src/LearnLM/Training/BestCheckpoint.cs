namespace LearnLM.Training;

/// <summary>
/// Saves a checkpoint (<see cref="Trainer.SaveCheckpoint"/>) whenever a monitored value reaches a new best
/// (chapter 6): afterwards <see cref="Trainer.LoadCheckpoint"/> brings back the best model, not the last.
/// </summary>
/// <param name="path">The checkpoint file; overwritten at each improvement (atomically).</param>
/// <param name="monitor">A history column, e.g. "valid_loss" or "valid_accuracy".</param>
public sealed class BestCheckpoint(string path, string monitor = "valid_loss", bool? higherIsBetter = null) : ITrainingCallback
{
    readonly MonitoredValue _value = new(monitor, higherIsBetter, 0);
    Trainer? _trainer;

    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));
    public double? Best => _value.Best;
    public int BestEpoch => _value.BestEpoch;

    public void OnFitStart(FitStart start) => _trainer = start.Trainer;

    public void OnEpochEnd(EpochRecord record)
    {
        if (_value.Improved(record)) _trainer?.SaveCheckpoint(Path);
    }
}
