namespace LearnLM.Training;

/// <summary>
/// Tracks the best value of one history column for <see cref="EarlyStopping"/> and <see cref="BestCheckpoint"/>.
/// Losses and errors improve downwards; anything else (accuracy…) upwards, unless told.
/// </summary>
sealed class MonitoredValue(string column, bool? higherIsBetter, double minDelta)
{
    public string Column { get; } = column ?? throw new ArgumentNullException(nameof(column));
    public bool HigherIsBetter { get; } = higherIsBetter ?? !(column.EndsWith("loss", StringComparison.Ordinal) || column.EndsWith("rmse", StringComparison.Ordinal) || column.EndsWith("error", StringComparison.Ordinal));
    public double? Best { get; private set; }
    public int BestEpoch { get; private set; }

    /// <summary>Reads the column from <paramref name="record"/>; true when it beats the best by more than minDelta.</summary>
    public bool Improved(EpochRecord record)
    {
        double value = record[Column] ?? throw new InvalidOperationException(
            $"Cannot monitor '{Column}': epoch {record.Epoch} has no such value. It has: {string.Join(", ", record.Columns())}" +
            (Column.StartsWith("valid_", StringComparison.Ordinal) ? ". Pass validation data to Fit to get valid_ columns." : "."));
        bool better = Best is not { } best || (HigherIsBetter ? value > best + minDelta : value < best - minDelta);
        if (better) { Best = value; BestEpoch = record.Epoch; }
        return better;
    }
}
