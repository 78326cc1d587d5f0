namespace LearnLM.Optim;

/// <summary>
/// What the trainer needs from an optimizer (chapter 5, "Optimisation"): update the parameters from their
/// gradients, clear the gradients, expose the learning rate for schedules, and save and restore its state for
/// checkpoints. LearnLM's hand-written optimizers implement it; <see cref="TorchOptimizer"/> adapts TorchSharp's.
/// </summary>
public interface IOptimizer
{
    /// <summary>The learning rate of the next step; schedules set it.</summary>
    double LearningRate { get; set; }

    /// <summary>One update from the current gradients.</summary>
    void Step();

    /// <summary>Sets every parameter's gradient to zero.</summary>
    void ZeroGrad();

    /// <summary>Writes the optimizer's state (moments, step count, learning rate) for a checkpoint.</summary>
    void SaveState(BinaryWriter writer);

    /// <summary>Restores what <see cref="SaveState"/> wrote, for the same parameters.</summary>
    void LoadState(BinaryReader reader);
}
