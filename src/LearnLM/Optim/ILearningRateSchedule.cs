namespace LearnLM.Optim;

/// <summary>
/// A learning-rate schedule (chapter 5): the learning rate to use for the optimizer step that follows
/// <c>step</c> steps already taken (0 for the very first). The trainer asks it before every step.
/// Pure functions of the step, so a resumed run picks up exactly where it left off.
/// </summary>
public interface ILearningRateSchedule
{
    double LearningRate(long step);
}
