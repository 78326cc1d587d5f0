using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>
/// A quantity accumulated over the batches of an epoch and read at its end (chapter 5): accuracy, RMSE… The trainer
/// resets it before each pass, updates it with every batch's prediction and target (detached, under no_grad),
/// and reports <see cref="Compute"/> under <see cref="Name"/> ("train_" or "valid_" prefixed in the history).
/// </summary>
public interface IMetric
{
    string Name { get; }
    void Reset();
    void Update(Tensor yHat, Tensor y);
    double Compute();
}
