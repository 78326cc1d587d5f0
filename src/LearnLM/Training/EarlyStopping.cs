namespace LearnLM.Training;

/// <summary>
/// Stops training when a monitored value has not improved for <see cref="Patience"/> epochs (chapter 6,
/// "Generalisation": stop before the model overfits). Losses improve downwards, accuracies upwards.
/// </summary>
/// <param name="monitor">A history column, e.g. "valid_loss" (needs validation data) or "train_loss".</param>
/// <param name="patience">Epochs without improvement tolerated before stopping.</param>
/// <param name="minDelta">An improvement smaller than this does not count.</param>
/// <param name="higherIsBetter">Overrides the direction guessed from the column name.</param>
public sealed class EarlyStopping(string monitor = "valid_loss", int patience = 3, double minDelta = 0, bool? higherIsBetter = null)
    : ITrainingCallback
{
    readonly MonitoredValue _value = new(monitor, higherIsBetter, minDelta);
    int _epochsWithoutImprovement;

    public int Patience { get; } = patience >= 1 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be ≥ 1.");
    public double? Best => _value.Best;
    public int BestEpoch => _value.BestEpoch;

    /// <summary>The epoch after which training was stopped, or null while it has not.</summary>
    public int? StoppedAfterEpoch { get; private set; }

    public bool StopRequested => StoppedAfterEpoch is not null;

    public void OnFitStart(FitStart start)
    {
        StoppedAfterEpoch = null;
        _epochsWithoutImprovement = 0;
    }

    public void OnEpochEnd(EpochRecord record)
    {
        if (_value.Improved(record)) _epochsWithoutImprovement = 0;
        else if (++_epochsWithoutImprovement >= Patience) StoppedAfterEpoch = record.Epoch;
    }
}
