using static TorchSharp.torch;

namespace LearnLM.Losses;

/// <summary>
/// A loss written by hand (chapter 4, "Activations and losses"): its mean value over the batch and, beside it, the
/// hand-derived gradient with respect to the prediction. <see cref="Reference"/> is TorchSharp's built-in loss.
/// Forward is made of differentiable tensor operations, so it can also train a model through autograd
/// (e.g. handed to <c>LearnLM.Training.Trainer</c>).
/// </summary>
public interface ILoss
{
    string Name { get; }

    /// <summary>The loss, averaged over the batch: a scalar tensor.</summary>
    Tensor Forward(Tensor yHat, Tensor y);

    /// <summary>dL/dŷ, the same shape as <paramref name="yHat"/>.</summary>
    Tensor Backward(Tensor yHat, Tensor y);

    /// <summary>TorchSharp's built-in version of the same loss.</summary>
    Tensor Reference(Tensor yHat, Tensor y);
}
