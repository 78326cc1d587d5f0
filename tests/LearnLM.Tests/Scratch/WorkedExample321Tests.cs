using LearnLM.Scratch;
using static TorchSharp.torch;

namespace LearnLM.Tests.Scratch;

/// <summary>
/// The chapter 3 worked example, whose arithmetic is written out in <see cref="WorkedExample321"/>'s comment.
/// The expected numbers below are that hand arithmetic; the test holds them against the hand-written network
/// and against autograd on the same weights.
/// </summary>
public sealed class WorkedExample321Tests
{
    // Hand arithmetic is exact in decimals; float64 carries ~1e-16 relative error through a dozen operations.
    const double Tolerance = 1e-12;

    [Fact]
    public void Forward_values_and_loss_match_the_hand_arithmetic()
    {
        var example = new WorkedExample321();
        // z₁ = [0.1·1 + 0.2·(−1) + 0.3·2 + 0.1, 0.4·1 + 0.5·(−1) + 0.6·2 − 1.2]
        AssertClose([0.6, -0.1], example.Z1);
        // h = ReLU(z₁): the second unit is switched off
        AssertClose([0.6, 0], example.H);
        // ŷ = 0.7·0.6 − 0.8·0 + 0.2
        Assert.Equal(0.62, example.YHat, Tolerance);
        // L = (0.62 − 1)²
        Assert.Equal(0.1444, example.Loss, Tolerance);
    }

    [Fact]
    public void Every_gradient_matches_the_hand_arithmetic()
    {
        var example = new WorkedExample321();
        Assert.Equal(-0.76, example.GradYHat, Tolerance);                   // 2(ŷ − y) = 2(−0.38)
        AssertClose([-0.456, 0], Flatten(example.GradW2));                  // −0.76 · [0.6, 0]
        AssertClose([-0.76], example.GradB2);
        // dL/dh = −0.76·[0.7, −0.8] = [−0.532, 0.608]; ReLU'(z₁) = [1, 0] → dL/dz₁ = [−0.532, 0]
        AssertClose([-0.532, 0.532, -1.064, 0, 0, 0], Flatten(example.GradW1)); // dL/dz₁ ⊗ [1, −1, 2]
        AssertClose([-0.532, 0], example.GradB1);
        AssertClose([-0.0532, -0.1064, -0.1596], example.GradX);           // −0.532 · [0.1, 0.2, 0.3]
    }

    [Fact]
    public void Autograd_on_the_same_weights_agrees()
    {
        var example = new WorkedExample321();
        var w1 = tensor(WorkedExample321.W1).requires_grad_(true);
        var b1 = tensor(WorkedExample321.B1).requires_grad_(true);
        var w2 = tensor(WorkedExample321.W2).requires_grad_(true);
        var b2 = tensor(WorkedExample321.B2).requires_grad_(true);
        var x = tensor(WorkedExample321.X).requires_grad_(true);
        var yHat = w2.matmul(nn.functional.relu(w1.matmul(x) + b1)) + b2;
        var loss = (yHat - WorkedExample321.Y).pow(2).sum();
        loss.backward();

        Assert.Equal(loss.item<double>(), example.Loss, Tolerance);
        AssertClose(Values(w1.grad!), Flatten(example.GradW1));
        AssertClose(Values(b1.grad!), example.GradB1);
        AssertClose(Values(w2.grad!), Flatten(example.GradW2));
        AssertClose(Values(b2.grad!), example.GradB2);
        AssertClose(Values(x.grad!), example.GradX);
        Assert.Contains("0.1444", example.ToString());
    }

    static double[] Values(Tensor t) => t.reshape(-1).data<double>().ToArray();
    static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], Tolerance);
    }
}
