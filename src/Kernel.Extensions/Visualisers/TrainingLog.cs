namespace LearnLM.Kernel.Extensions.Visualisers;

/// <summary>What a training run reported so far: the loss of every step, and each epoch's metrics (chapter 5).</summary>
public sealed class TrainingLog
{
    readonly List<List<double>> _stepLosses = new();
    readonly List<EpochMetrics> _epochs = new();

    /// <param name="Epoch">1-based.</param>
    /// <param name="Train">Training metrics, conventionally including "loss".</param>
    /// <param name="Validation">Validation metrics (may be empty).</param>
    public sealed record EpochMetrics(int Epoch, IReadOnlyDictionary<string, double> Train, IReadOnlyDictionary<string, double> Validation);

    public int? StepsPerEpoch { get; set; }

    /// <summary>A log of a finished run's epochs (no step losses: a history keeps only epoch means).</summary>
    public static TrainingLog From(LearnLM.Training.History history)
    {
        var log = new TrainingLog { FirstEpoch = history.Count > 0 ? history[0].Epoch : 1 };
        foreach (var record in history) log.AddEpoch(record.TrainValues, record.ValidValues ?? new Dictionary<string, double>());
        return log;
    }

    /// <summary>The number the first epoch gets: 1, or more when a run resumes from a checkpoint.</summary>
    public int FirstEpoch { get; set; } = 1;

    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    public int StepCount => _stepLosses.Sum(e => e.Count);

    /// <summary>Losses of the epoch that is running (or the last one, once it ended).</summary>
    public int StepsInCurrentEpoch => _stepLosses.Count > _epochs.Count ? _stepLosses[^1].Count : 0;

    public void AddStep(double loss)
    {
        if (_stepLosses.Count == _epochs.Count) _stepLosses.Add(new());   // the first step of a new epoch
        _stepLosses[^1].Add(loss);
    }

    public void AddEpoch(IReadOnlyDictionary<string, double> train, IReadOnlyDictionary<string, double> validation)
    {
        while (_stepLosses.Count <= _epochs.Count) _stepLosses.Add(new());   // an epoch that reported no steps
        _epochs.Add(new(FirstEpoch + _epochs.Count, train, validation));
    }

    /// <summary>
    /// Step losses placed on the epoch axis: step i of n in epoch e (from 0) sits at e + (i + 1) / n, with n the steps per
    /// epoch when known, else the steps the epoch had (or, while it runs, the previous epoch's count).
    /// </summary>
    public IEnumerable<(double X, double Loss)> StepPoints()
    {
        for (int e = 0; e < _stepLosses.Count; e++)
        {
            var losses = _stepLosses[e];
            int perEpoch = StepsPerEpoch ?? (e < _epochs.Count ? losses.Count : Math.Max(losses.Count, e > 0 ? _stepLosses[e - 1].Count : 0));
            for (int i = 0; i < losses.Count; i++) yield return (FirstEpoch - 1 + e + (i + 1.0) / Math.Max(perEpoch, 1), losses[i]);
        }
    }
}
