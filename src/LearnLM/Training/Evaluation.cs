namespace LearnLM.Training;

/// <summary>The mean loss and metrics of a model over a data set, from <see cref="Trainer.Evaluate"/> (chapter 5).</summary>
public sealed record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics)
{
    public override string ToString() =>
        string.Join(", ", Metrics.Select(m => $"{m.Key} {m.Value:F4}").Prepend($"loss {Loss:F4}"));
}
