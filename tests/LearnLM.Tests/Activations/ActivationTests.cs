using LearnLM.Activations;
using LearnLM.Scratch;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Activations;

public sealed class ActivationTests
{
    public static TheoryData<string> Names => ["sigmoid", "tanh", "relu", "leaky_relu", "gelu", "gelu_tanh", "softmax", "log_softmax", "identity"];

    static IActivation Create(string name) => name switch
    {
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new ReLU(),
        "leaky_relu" => new LeakyReLU(0.1),
        "gelu" => new GELU(),
        "gelu_tanh" => new GELU(tanhApproximation: true),
        "softmax" => new Softmax(),
        "log_softmax" => new LogSoftmax(),
        "identity" => new Identity(),
        _ => throw new ArgumentException(name),
    };

    // Inputs away from 0 by at least 0.05, so ReLU's kink never sits inside a finite-difference step.
    static Tensor Inputs()
    {
        var generator = new Generator(7);
        var x = randn([4, 5], ScalarType.Float64, generator: generator) * 3;
        return where(x.abs() < 0.05, x + 0.1, x);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_torchsharp(string name)
    {
        var activation = Create(name);
        var x = Inputs();
        // Same float64 formulas up to rounding order: a few ulps.
        Assert.True(activation.Forward(x).allclose(activation.Reference(x), rtol: 1e-12, atol: 1e-12));
        Assert.Equal(name, activation.Name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_autograd_of_the_builtin(string name)
    {
        var activation = Create(name);
        var x = Inputs().requires_grad_(true);
        var upstream = randn([4, 5], ScalarType.Float64, generator: new Generator(3));
        (activation.Reference(x) * upstream).sum().backward();
        var handWritten = activation.Backward(x.detach(), upstream);
        Assert.True(handWritten.allclose(x.grad!, rtol: 1e-10, atol: 1e-12), $"{name}: {(handWritten - x.grad!).abs().max().item<double>()}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_passes_the_gradient_check(string name)
    {
        var activation = Create(name);
        var x = Inputs();
        var upstream = randn([4, 5], ScalarType.Float64, generator: new Generator(3));
        var result = GradientChecker.Check(v => (activation.Forward(v) * upstream).sum(), x, activation.Backward(x, upstream));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Stable_forms_survive_extreme_inputs()
    {
        var x = tensor(new[] { -1000.0, -50, 0, 50, 1000 });
        foreach (var activation in new IActivation[] { new Sigmoid(), new Tanh(), new Softmax(), new LogSoftmax() })
        {
            var y = activation.Forward(x);
            Assert.False(y.isnan().any().item<bool>() || y.isinf().any().item<bool>(), $"{activation.Name} overflowed: {y.str()}");
            Assert.True(y.allclose(activation.Reference(x), rtol: 1e-12, atol: 1e-12), activation.Name);
        }
    }
}
