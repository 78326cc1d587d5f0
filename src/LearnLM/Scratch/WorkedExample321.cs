using LearnLM.Activations;
using LearnLM.Losses;
using static TorchSharp.torch;

namespace LearnLM.Scratch;

/// <summary>
/// The worked example of chapter 3: a 3-2-1 network, ReLU hidden layer, linear output, squared-error loss, one input,
/// computed through <see cref="ManualMlp"/>. Small enough to do by hand:
/// <code>
/// x  = [1, −1, 2]        y = 1
/// W₁ = [[0.1, 0.2, 0.3],  b₁ = [0.1, −1.2]
///       [0.4, 0.5, 0.6]]
/// W₂ = [[0.7, −0.8]]      b₂ = [0.2]
///
/// z₁ = W₁x + b₁ = [0.1 − 0.2 + 0.6 + 0.1, 0.4 − 0.5 + 1.2 − 1.2] = [0.6, −0.1]
/// h  = ReLU(z₁)  = [0.6, 0]                    (the second unit is off)
/// ŷ  = W₂h + b₂  = 0.7·0.6 − 0.8·0 + 0.2 = 0.62
/// L  = (ŷ − y)²  = (−0.38)² = 0.1444
///
/// dL/dŷ  = 2(ŷ − y)            = −0.76
/// dL/dW₂ = dL/dŷ · hᵀ          = [[−0.456, 0]]
/// dL/db₂ = dL/dŷ               = [−0.76]
/// dL/dh  = W₂ᵀ dL/dŷ           = [−0.532, 0.608]
/// dL/dz₁ = dL/dh ⊙ ReLU'(z₁)   = [−0.532·1, 0.608·0] = [−0.532, 0]
/// dL/dW₁ = dL/dz₁ xᵀ           = [[−0.532, 0.532, −1.064], [0, 0, 0]]
/// dL/db₁ = dL/dz₁              = [−0.532, 0]
/// dL/dx  = W₁ᵀ dL/dz₁          = [−0.0532, −0.1064, −0.1596]
/// </code>
/// The tests check every number above against this class and against autograd.
/// </summary>
public sealed class WorkedExample321
{
    // Properties that return fresh arrays, so no caller can change the example for everyone else.
    public static double[] X => [1, -1, 2];
    public const double Y = 1;
    public static double[,] W1 => new[,] { { 0.1, 0.2, 0.3 }, { 0.4, 0.5, 0.6 } };
    public static double[] B1 => [0.1, -1.2];
    public static double[,] W2 => new[,] { { 0.7, -0.8 } };
    public static double[] B2 => [0.2];

    /// <summary>Runs the example's forward and backward pass by hand (float64).</summary>
    public WorkedExample321()
    {
        using var scope = NewDisposeScope();
        var network = CreateNetwork();
        var x = tensor(X, [1, 3]);                                    // one row: (1, 3)
        var y = tensor(new[] { Y }, [1, 1]);
        var loss = new MseLoss();

        var yHat = network.Forward(x);
        var gradients = network.Backward(loss.Backward(yHat, y));
        var z1 = x.matmul(network.Weights[0].t()) + network.Biases[0];

        Z1 = Row(z1);
        H = Row(network.Activations[0].Forward(z1));
        YHat = yHat.item<double>();
        Loss = loss.Forward(yHat, y).item<double>();
        GradYHat = loss.Backward(yHat, y).item<double>();
        GradW2 = Matrix(gradients.Weights[1]);
        GradB2 = Row(gradients.Biases[1]);
        GradW1 = Matrix(gradients.Weights[0]);
        GradB1 = Row(gradients.Biases[0]);
        GradX = Row(gradients.Input);
    }

    /// <summary>The example's network as a <see cref="ManualMlp"/>: 3 → ReLU(2) → 1.</summary>
    public static ManualMlp CreateNetwork() => new(
        [tensor(W1), tensor(W2)],
        [tensor(B1), tensor(B2)],
        [new ReLU(), new Identity()]);

    public double[] Z1 { get; }
    public double[] H { get; }
    public double YHat { get; }
    public double Loss { get; }
    public double GradYHat { get; }
    public double[,] GradW2 { get; }
    public double[] GradB2 { get; }
    public double[,] GradW1 { get; }
    public double[] GradB1 { get; }
    public double[] GradX { get; }

    public override string ToString() =>
        $"z1 = [{string.Join(", ", Z1)}], h = [{string.Join(", ", H)}], ŷ = {YHat}, L = {Loss}\n" +
        $"dL/dŷ = {GradYHat}, dL/dW2 = {Show(GradW2)}, dL/db2 = [{string.Join(", ", GradB2)}]\n" +
        $"dL/dW1 = {Show(GradW1)}, dL/db1 = [{string.Join(", ", GradB1)}], dL/dx = [{string.Join(", ", GradX)}]";

    static double[] Row(Tensor t) => t.reshape(-1).data<double>().ToArray();

    static double[,] Matrix(Tensor t)
    {
        var result = new double[t.shape[0], t.shape[1]];
        var values = t.contiguous().data<double>().ToArray();
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }

    static string Show(double[,] m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0))
            .Select(i => "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j])) + "]")) + "]";
}
