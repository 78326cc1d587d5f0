using LearnLM.Optim;
using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>How a <see cref="Trainer"/> trains (chapter 5). Every setting has a default; set only what you need.</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs each <see cref="Trainer.Fit"/> call runs; a second call continues the numbering.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Where to train; null means <see cref="Devices.DeviceManager.Default"/>.</summary>
    public Device? Device { get; init; }

    /// <summary>Metrics reported besides the loss, for training and validation, e.g. [new Accuracy()].</summary>
    public IReadOnlyList<IMetric> Metrics { get; init; } = [];

    /// <summary>Progress, early stopping, checkpoints, live plots…</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>When set, seeds every generator (<see cref="Devices.Seeding.Seed"/>) before the first step, so shuffling and dropout repeat.</summary>
    public long? Seed { get; init; }

    /// <summary>Sets the learning rate before every step; null keeps the optimizer's.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>When set, clips the gradients' global norm to this before each step (<see cref="GradientClipping"/>).</summary>
    public double? ClipGradNorm { get; init; }
}
