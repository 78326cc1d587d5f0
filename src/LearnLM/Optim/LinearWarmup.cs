namespace LearnLM.Optim;

/// <summary>
/// Linear warm-up (chapter 5; used for transformers in chapter 10): for the first W steps the rate climbs linearly
/// from startFactor·η₀ to η₀, η = η₀(f + (1 − f)·step/W); after that, <see cref="Then"/> takes over, counting its
/// steps from the end of the warm-up (or η₀ stays). The warm-up part is <c>torch.optim.lr_scheduler.LinearLR</c>.
/// </summary>
public sealed class LinearWarmup : ILearningRateSchedule
{
    public LinearWarmup(double initialLearningRate, long warmupSteps, ILearningRateSchedule? then = null, double startFactor = 0)
    {
        if (warmupSteps < 1) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The warm-up needs at least 1 step.");
        if (startFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be in [0, 1].");
        InitialLearningRate = initialLearningRate;
        WarmupSteps = warmupSteps;
        Then = then;
        StartFactor = startFactor;
    }

    public double InitialLearningRate { get; }
    public long WarmupSteps { get; }
    public ILearningRateSchedule? Then { get; }
    public double StartFactor { get; }

    public double LearningRate(long step)
    {
        if (step < WarmupSteps) return InitialLearningRate * (StartFactor + (1 - StartFactor) * step / WarmupSteps);
        return Then?.LearningRate(step - WarmupSteps) ?? InitialLearningRate;
    }
}
