using LearnLM.Activations;
using LearnLM.Scratch;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Scratch;

public sealed class GradientCheckerTests
{
    /// <summary>Sigmoid with a planted mistake: σ' written as σ(1 + σ) instead of σ(1 − σ).</summary>
    sealed class WrongSigmoid : ElementwiseActivation
    {
        readonly Sigmoid _right = new();
        public override string Name => "wrong_sigmoid";
        public override Tensor Forward(Tensor x) => _right.Forward(x);
        public override Tensor Derivative(Tensor x) { var s = Forward(x); return s * (1 + s); }
        public override Tensor Reference(Tensor x) => sigmoid(x);
        public override nn.Module<Tensor, Tensor> ToModule() => nn.Sigmoid();
    }

    [Fact]
    public void Catches_a_planted_wrong_derivative_and_passes_the_right_one()
    {
        var x = randn([3, 4], ScalarType.Float64, generator: new Generator(1));
        var upstream = ones_like(x);
        var wrong = new WrongSigmoid();
        var right = new Sigmoid();

        var caught = GradientChecker.Check(v => wrong.Forward(v).sum(), x, wrong.Backward(x, upstream));
        var passed = GradientChecker.Check(v => right.Forward(v).sum(), x, right.Backward(x, upstream));

        Assert.False(caught.Passed);
        Assert.True(caught.MaxAbsoluteError > 0.1, caught.ToString());   // 2σ² ≥ 0.1 somewhere for these inputs
        Assert.Contains("analytic", caught.WorstEntry);
        Assert.True(passed.Passed, passed.ToString());
    }

    [Fact]
    public void Catches_a_planted_wrong_hidden_layer_derivative_in_a_whole_mlp()
    {
        var x = randn([4, 3], ScalarType.Float64, generator: new Generator(2));
        var y = randn([4, 1], ScalarType.Float64, generator: new Generator(3));
        var good = ManualMlp.Create([3, 4, 1], new Sigmoid(), new Identity(), seed: 5);
        var bad = new ManualMlp(good.Weights, good.Biases, [new WrongSigmoid(), new Identity()]);
        var loss = new LearnLM.Losses.MseLoss();

        foreach (var (mlp, shouldPass) in new[] { (good, true), (bad, false) })
        {
            var gradients = mlp.Backward(loss.Backward(mlp.Forward(x), y));
            var w = mlp.Weights[0];
            var result = GradientChecker.Check(_ => loss.Forward(mlp.Forward(x), y), w, gradients.Weights[0]);
            Assert.Equal(shouldPass, result.Passed);
        }
    }

    [Fact]
    public void Checks_autograd_on_any_function_and_any_module()
    {
        var x = randn([5], ScalarType.Float64, generator: new Generator(4));
        Assert.True(GradientChecker.CheckAutograd(v => (v.sin() * v.exp()).sum(), x).Passed);

        torch.manual_seed(0);
        var module = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)).to(ScalarType.Float64);
        var input = randn([6, 3], ScalarType.Float64, generator: new Generator(5));
        var target = randn([6, 2], ScalarType.Float64, generator: new Generator(6));
        var result = GradientChecker.CheckModule(module, () => nn.functional.mse_loss(module.forward(input), target));
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(3 * 4 + 4 + 4 * 2 + 2, result.Entries);
    }

    [Fact]
    public void Refuses_float32_and_says_why()
    {
        var error = Assert.Throws<ArgumentException>(() => GradientChecker.NumericalGradient(v => v.sum(), zeros(3)));
        Assert.Contains("float64", error.Message);
    }
}
