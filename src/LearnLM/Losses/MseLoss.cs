using static TorchSharp.torch;

namespace LearnLM.Losses;

/// <summary>
/// Mean squared error L = (1/n) Σ (ŷ − y)² over all n entries; dL/dŷ = 2(ŷ − y)/n (chapter 2 and chapter 4).
/// </summary>
public sealed class MseLoss : ILoss
{
    public string Name => "mse";

    public Tensor Forward(Tensor yHat, Tensor y)
    {
        var error = yHat - y;
        return (error * error).mean();
    }

    public Tensor Backward(Tensor yHat, Tensor y) => 2 * (yHat - y) / yHat.numel();

    public Tensor Reference(Tensor yHat, Tensor y) => nn.functional.mse_loss(yHat, y);
}
