namespace LearnLM.Optim;

/// <summary>
/// Step decay (chapter 5): η = η₀ · γ^⌊step / stepSize⌋ — the learning rate drops by γ every
/// <see cref="StepSize"/> steps. <c>torch.optim.lr_scheduler.StepLR</c> stepped once per optimizer step.
/// </summary>
public sealed class StepDecay : ILearningRateSchedule
{
    public StepDecay(double initialLearningRate, long stepSize, double gamma = 0.1)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be ≥ 1.");
        InitialLearningRate = initialLearningRate;
        StepSize = stepSize;
        Gamma = gamma;
    }

    public double InitialLearningRate { get; }
    public long StepSize { get; }
    public double Gamma { get; }

    public double LearningRate(long step) => InitialLearningRate * Math.Pow(Gamma, step / StepSize);
}
