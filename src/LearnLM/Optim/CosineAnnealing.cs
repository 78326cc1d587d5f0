namespace LearnLM.Optim;

/// <summary>
/// Cosine annealing (chapter 5): η = η_min + ½(η₀ − η_min)(1 + cos(π·step/T)) for step ≤ T, then η_min.
/// Matches <c>torch.optim.lr_scheduler.CosineAnnealingLR</c> for step ≤ T (PyTorch's rises again after T).
/// </summary>
public sealed class CosineAnnealing : ILearningRateSchedule
{
    public CosineAnnealing(double initialLearningRate, long totalSteps, double minimumLearningRate = 0)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "The schedule needs at least 1 step.");
        InitialLearningRate = initialLearningRate;
        TotalSteps = totalSteps;
        MinimumLearningRate = minimumLearningRate;
    }

    public double InitialLearningRate { get; }
    public long TotalSteps { get; }
    public double MinimumLearningRate { get; }

    public double LearningRate(long step)
    {
        double progress = Math.Min(step, TotalSteps) / (double)TotalSteps;
        return MinimumLearningRate + 0.5 * (InitialLearningRate - MinimumLearningRate) * (1 + Math.Cos(Math.PI * progress));
    }
}
