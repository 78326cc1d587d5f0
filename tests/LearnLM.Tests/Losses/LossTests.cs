using LearnLM.Losses;
using LearnLM.Scratch;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Losses;

public sealed class LossTests
{
    static readonly Generator Seeded = new(11);

    public static TheoryData<string> Names => ["mse", "bce", "bce_with_logits", "cross_entropy", "cross_entropy_smoothed"];

    static (ILoss Loss, Tensor YHat, Tensor Y) Case(string name)
    {
        var generator = new Generator(5);
        return name switch
        {
            "mse" => (new MseLoss(), randn([6, 3], ScalarType.Float64, generator: generator), randn([6, 3], ScalarType.Float64, generator: generator)),
            "bce" => (new BinaryCrossEntropyLoss(), rand([6, 1], ScalarType.Float64, generator: generator) * 0.9 + 0.05,
                      (rand([6, 1], ScalarType.Float64, generator: generator) > 0.5).to(ScalarType.Float64)),
            "bce_with_logits" => (new BinaryCrossEntropyWithLogitsLoss(), randn([6, 1], ScalarType.Float64, generator: generator) * 4,
                      (rand([6, 1], ScalarType.Float64, generator: generator) > 0.5).to(ScalarType.Float64)),
            "cross_entropy" => (new CrossEntropyLoss(), randn([6, 4], ScalarType.Float64, generator: generator) * 3,
                      randint(0, 4, [6], ScalarType.Int64, generator: generator)),
            "cross_entropy_smoothed" => (new CrossEntropyLoss(labelSmoothing: 0.1), randn([6, 4], ScalarType.Float64, generator: generator) * 3,
                      randint(0, 4, [6], ScalarType.Int64, generator: generator)),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_matches_torchsharp(string name)
    {
        var (loss, yHat, y) = Case(name);
        // float64, same formula up to summation order.
        Assert.Equal(loss.Reference(yHat, y).item<double>(), loss.Forward(yHat, y).item<double>(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hand_derived_gradient_matches_autograd_of_the_builtin(string name)
    {
        var (loss, yHat, y) = Case(name);
        var leaf = yHat.clone().requires_grad_(true);
        loss.Reference(leaf, y).backward();
        var handWritten = loss.Backward(yHat, y);
        Assert.True(handWritten.allclose(leaf.grad!, rtol: 1e-10, atol: 1e-12), $"{name}: {(handWritten - leaf.grad!).abs().max().item<double>()}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Hand_derived_gradient_passes_the_gradient_check(string name)
    {
        var (loss, yHat, y) = Case(name);
        var result = GradientChecker.Check(v => loss.Forward(v, y), yHat, loss.Backward(yHat, y));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Logits_form_stays_finite_where_probabilities_saturate()
    {
        var z = tensor(new[] { -800.0, 800 }).reshape(2, 1);
        var y = tensor(new[] { 1.0, 0 }).reshape(2, 1);
        var value = new BinaryCrossEntropyWithLogitsLoss().Forward(z, y).item<double>();
        Assert.Equal(800, value, 1e-9);   // each example is wrong by a margin of 800: loss ≈ 800 each
    }

    [Fact]
    public void Cross_entropy_refuses_float_targets_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(zeros(2, 3), zeros(2)));
        Assert.Contains("int64", error.Message);
    }
}
