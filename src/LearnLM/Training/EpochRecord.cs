namespace LearnLM.Training;

/// <summary>
/// One epoch of a <see cref="History"/> (chapter 5): the mean training loss and metrics over the epoch's batches,
/// the validation loss and metrics after it (null without validation data), the time it took and the learning rate
/// at its end. Values are also reachable by column name, as in <see cref="History.ToDataFrame"/>:
/// "epoch", "train_loss", "train_accuracy", "valid_loss", "valid_rmse", "seconds", "learning_rate".
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    IReadOnlyDictionary<string, double> TrainMetrics,
    double? ValidLoss,
    IReadOnlyDictionary<string, double>? ValidMetrics,
    double Seconds,
    double LearningRate)
{
    /// <summary>The value of a column, or null when this record has none (e.g. "valid_loss" without validation data).</summary>
    public double? this[string column] => column switch
    {
        "epoch" => Epoch,
        "train_loss" => TrainLoss,
        "valid_loss" => ValidLoss,
        "seconds" => Seconds,
        "learning_rate" => LearningRate,
        _ when column.StartsWith("train_", StringComparison.Ordinal) && TrainMetrics.TryGetValue(column[6..], out var t) => t,
        _ when column.StartsWith("valid_", StringComparison.Ordinal) && ValidMetrics is not null && ValidMetrics.TryGetValue(column[6..], out var v) => v,
        _ => null,
    };

    /// <summary>The training loss and metrics in one dictionary: { ["loss"] = …, ["accuracy"] = … }.</summary>
    public IReadOnlyDictionary<string, double> TrainValues =>
        TrainMetrics.Prepend(new("loss", TrainLoss)).ToDictionary();

    /// <summary>The validation loss and metrics in one dictionary, or null without validation data.</summary>
    public IReadOnlyDictionary<string, double>? ValidValues => ValidLoss is { } loss
        ? (ValidMetrics ?? new Dictionary<string, double>()).Prepend(new("loss", loss)).ToDictionary()
        : null;

    /// <summary>The column names this record has values for.</summary>
    public IEnumerable<string> Columns()
    {
        yield return "epoch";
        yield return "train_loss";
        foreach (var name in TrainMetrics.Keys) yield return "train_" + name;
        if (ValidLoss is not null) yield return "valid_loss";
        if (ValidMetrics is not null)
            foreach (var name in ValidMetrics.Keys) yield return "valid_" + name;
        yield return "seconds";
        yield return "learning_rate";
    }

    public override string ToString()
    {
        var parts = new List<string> { $"epoch {Epoch}", $"train loss {TrainLoss:F4}" };
        parts.AddRange(TrainMetrics.Select(m => $"train {m.Key} {m.Value:F4}"));
        if (ValidLoss is { } loss) parts.Add($"valid loss {loss:F4}");
        if (ValidMetrics is not null) parts.AddRange(ValidMetrics.Select(m => $"valid {m.Key} {m.Value:F4}"));
        parts.Add($"{Seconds:F1} s");
        return string.Join(", ", parts);
    }
}
