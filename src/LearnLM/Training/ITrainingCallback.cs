namespace LearnLM.Training;

/// <summary>
/// Hooks into <see cref="Trainer.Fit"/> (chapter 5): progress bars, live loss charts, early stopping, checkpoints.
/// Every method has an empty default, so a callback implements only what it needs. The trainer calls them on the
/// training thread, in the order the callbacks were given.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first step: how many epochs, and how many steps each when the data can tell (for an ETA).</summary>
    void OnFitStart(FitStart start) { }

    /// <summary>After every optimizer step, with that batch's loss.</summary>
    void OnStepEnd(StepEnd step) { }

    /// <summary>After each epoch's training and validation, with the epoch's record (also added to the history).</summary>
    void OnEpochEnd(EpochRecord record) { }

    /// <summary>When fitting ends: after the last epoch, an early stop, or a cancellation.</summary>
    void OnFitEnd(History history) { }

    /// <summary>Read after each step and each epoch: true stops fitting there (the epoch in progress is still recorded).</summary>
    bool StopRequested => false;
}

/// <summary>What <see cref="ITrainingCallback.OnFitStart"/> is told (chapter 5).</summary>
/// <param name="Trainer">The trainer, e.g. to save a checkpoint from a callback.</param>
/// <param name="FirstEpoch">The number of the first epoch this fit runs (1, or more when resuming).</param>
/// <param name="LastEpoch">The number of the last epoch it will run unless stopped.</param>
/// <param name="StepsPerEpoch">Batches per epoch when the data is a collection; otherwise null until the first epoch ends.</param>
public sealed record FitStart(Trainer Trainer, int FirstEpoch, int LastEpoch, int? StepsPerEpoch)
{
    public int Epochs => LastEpoch - FirstEpoch + 1;

    /// <summary>Steps this fit will take, when known.</summary>
    public long? TotalSteps => StepsPerEpoch * (long)Epochs;
}

/// <summary>What <see cref="ITrainingCallback.OnStepEnd"/> is told (chapter 5): enough for a progress bar, an ETA and a loss chart.</summary>
/// <param name="Epoch">The epoch in progress, from 1.</param>
/// <param name="Step">The step within the epoch, from 1.</param>
/// <param name="GlobalStep">Steps taken since the model was created (or since the checkpoint's start), from 1.</param>
/// <param name="Loss">This batch's loss.</param>
/// <param name="LearningRate">The learning rate this step used.</param>
/// <param name="StepsPerEpoch">Batches per epoch, when known (always from the second epoch on).</param>
/// <param name="Elapsed">Time since this fit started.</param>
public sealed record StepEnd(int Epoch, int Step, long GlobalStep, double Loss, double LearningRate, int? StepsPerEpoch, TimeSpan Elapsed);
