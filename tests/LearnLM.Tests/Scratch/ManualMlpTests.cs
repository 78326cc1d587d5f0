using LearnLM.Activations;
using LearnLM.Losses;
using LearnLM.Scratch;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Scratch;

public sealed class ManualMlpTests
{
    const double LearningRate = 1.0;
    const int Steps = 400;

    [Fact]
    public void Hand_written_mlp_learns_xor_to_100_percent()
    {
        var mlp = ManualMlp.Create([2, 8, 1], new Tanh(), new Identity(), seed: 1);
        var x = XorData.Inputs();
        var y = XorData.Labels();
        var loss = new BinaryCrossEntropyWithLogitsLoss();
        double first = mlp.TrainStep(x, y, loss, LearningRate), last = first;
        for (int step = 1; step < Steps; step++) last = mlp.TrainStep(x, y, loss, LearningRate);

        var predicted = (mlp.Forward(x) > 0).to(ScalarType.Float64);
        Assert.Equal(1.0, predicted.eq(y).to(ScalarType.Float64).mean().item<double>());
        Assert.True(last < first / 10, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Concise_torchsharp_version_learns_xor_to_100_percent()
    {
        var model = ManualMlp.Create([2, 8, 1], new Tanh(), new Identity(), seed: 1).ToSequential();
        var optimizer = optim.SGD(model.parameters(), LearningRate);
        var x = XorData.Inputs();
        var y = XorData.Labels();
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(model.forward(x), y).backward();
            optimizer.step();
        }
        var predicted = (model.forward(x) > 0).to(ScalarType.Float64);
        Assert.Equal(1.0, predicted.eq(y).to(ScalarType.Float64).mean().item<double>());
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("gelu")]
    public void Hand_written_gradients_equal_autograd_from_identical_weights(string hidden)
    {
        IActivation activation = hidden switch { "tanh" => new Tanh(), "sigmoid" => new Sigmoid(), "relu" => new ReLU(), _ => new GELU() };
        // Three layers, so the chain rule runs through a hidden-to-hidden layer too.
        var mlp = ManualMlp.Create([2, 5, 4, 1], activation, new Identity(), seed: 3);
        var model = mlp.ToSequential();
        var x = randn([7, 2], ScalarType.Float64, generator: new Generator(9));
        var y = (rand([7, 1], ScalarType.Float64, generator: new Generator(10)) > 0.5).to(ScalarType.Float64);
        var loss = new BinaryCrossEntropyWithLogitsLoss();

        var yHat = mlp.Forward(x);
        var gradients = mlp.Backward(loss.Backward(yHat, y));
        loss.Reference(model.forward(x), y).backward();

        var linears = model.children().OfType<TorchSharp.Modules.Linear>().ToList();
        Assert.Equal(3, linears.Count);
        for (int l = 0; l < linears.Count; l++)
        {
            // Same operations in float64 on identical weights: equal to rounding, far inside 1e-10.
            Assert.True(gradients.Weights[l].allclose(linears[l].weight!.grad!, rtol: 0, atol: 1e-10), $"dW{l}");
            Assert.True(gradients.Biases[l].allclose(linears[l].bias!.grad!, rtol: 0, atol: 1e-10), $"db{l}");
        }
    }

    [Fact]
    public void Hand_written_input_gradient_passes_the_gradient_check()
    {
        var mlp = ManualMlp.Create([3, 4, 2], new Sigmoid(), new Identity(), seed: 4);
        var x = randn([5, 3], ScalarType.Float64, generator: new Generator(2));
        var y = randn([5, 2], ScalarType.Float64, generator: new Generator(6));
        var loss = new MseLoss();
        var gradients = mlp.Backward(loss.Backward(mlp.Forward(x), y));
        var result = GradientChecker.Check(v => loss.Forward(mlp.Forward(v), y), x, gradients.Input);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Mismatched_layers_are_refused_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new ManualMlp(
            [zeros(4, 2, ScalarType.Float64), zeros(1, 3, ScalarType.Float64)],
            [zeros(4, ScalarType.Float64), zeros(1, ScalarType.Float64)],
            [new Tanh(), new Identity()]));
        Assert.Contains("takes 3 inputs but layer 0 gives 4", error.Message);
    }

    [Fact]
    public void Backward_before_forward_says_what_to_do()
    {
        var mlp = ManualMlp.Create([2, 1], new Identity(), new Identity());
        Assert.Contains("Call Forward", Assert.Throws<InvalidOperationException>(() => mlp.Backward(zeros(1, 1))).Message);
    }
}
