using LearnLM.Optim;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace LearnLM.Tests.Optim;

/// <summary>
/// Each hand-written optimizer follows torch.optim's trajectory step for step: two copies of one small float64
/// regression network, the same mini-batches, one updated by ours and one by TorchSharp's.
/// </summary>
public sealed class OptimizerTrajectoryTests
{
    const int Steps = 25;
    // Same float64 arithmetic in a possibly different order: differences stay near 1e-15; 1e-9 leaves room for
    // 25 steps of amplification and is still far inside the 1e-6 the course promises.
    const double Tolerance = 1e-9;

    public static TheoryData<string> Cases =>
    [
        "sgd", "sgd_weight_decay", "momentum", "momentum_dampening", "nesterov",
        "rmsprop", "rmsprop_momentum_weight_decay", "adam", "adam_weight_decay", "adamw",
    ];

    static (IOptimizer Ours, optim.Optimizer Theirs) Create(string name, IEnumerable<Parameter> ours, IEnumerable<Parameter> theirs) => name switch
    {
        "sgd" => (new Sgd(ours, 0.1), optim.SGD(theirs, 0.1)),
        "sgd_weight_decay" => (new Sgd(ours, 0.1, weightDecay: 0.05), optim.SGD(theirs, 0.1, weight_decay: 0.05)),
        "momentum" => (new Sgd(ours, 0.05, momentum: 0.9), optim.SGD(theirs, 0.05, momentum: 0.9)),
        "momentum_dampening" => (new Sgd(ours, 0.05, momentum: 0.9, dampening: 0.3), optim.SGD(theirs, 0.05, momentum: 0.9, dampening: 0.3)),
        "nesterov" => (new Sgd(ours, 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true), optim.SGD(theirs, 0.05, momentum: 0.9, weight_decay: 0.01, nesterov: true)),
        "rmsprop" => (new RmsProp(ours, 0.01), optim.RMSProp(theirs, 0.01)),
        "rmsprop_momentum_weight_decay" => (new RmsProp(ours, 0.01, alpha: 0.9, weightDecay: 0.02, momentum: 0.5),
                                            optim.RMSProp(theirs, 0.01, alpha: 0.9, weight_decay: 0.02, momentum: 0.5)),
        "adam" => (new Adam(ours, 0.05), optim.Adam(theirs, 0.05)),
        "adam_weight_decay" => (new Adam(ours, 0.05, beta1: 0.8, beta2: 0.99, weightDecay: 0.1), optim.Adam(theirs, 0.05, beta1: 0.8, beta2: 0.99, weight_decay: 0.1)),
        "adamw" => (new AdamW(ours, 0.05, weightDecay: 0.1), optim.AdamW(theirs, 0.05, weight_decay: 0.1)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_torch_optim_step_for_step(string name)
    {
        torch.manual_seed(42);
        var ours = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)).to(ScalarType.Float64);
        var theirs = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)).to(ScalarType.Float64);
        theirs.load_state_dict(ours.state_dict());
        var (ourOptimizer, theirOptimizer) = Create(name, ours.parameters(), theirs.parameters());
        var initial = ours.parameters().First().detach().clone();

        var generator = new Generator(1);
        var x = randn([32, 3], ScalarType.Float64, generator: generator);
        var y = randn([32, 2], ScalarType.Float64, generator: generator);
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            // Mini-batches of 8, cycling through the 32 examples.
            var batchX = x.narrow(0, step % 4 * 8, 8);
            var batchY = y.narrow(0, step % 4 * 8, 8);
            ourOptimizer.ZeroGrad();
            nn.functional.mse_loss(ours.forward(batchX), batchY).backward();
            ourOptimizer.Step();
            theirOptimizer.zero_grad();
            nn.functional.mse_loss(theirs.forward(batchX), batchY).backward();
            theirOptimizer.step();

            foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
            {
                double gap = (a - b).abs().max().item<double>();
                Assert.True(gap < Tolerance, $"{name}: step {step + 1} differs by {gap}");
            }
        }
        // The run did move the parameters: the comparison was not of two frozen models.
        Assert.True((ours.parameters().First() - initial).abs().max().item<double>() > 1e-3, $"{name} barely moved");
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("adam")]
    [InlineData("rmsprop_momentum_weight_decay")]
    public void Saved_state_resumes_the_same_trajectory(string name)
    {
        torch.manual_seed(3);
        var model = nn.Linear(3, 1).to(ScalarType.Float64);
        var copy = nn.Linear(3, 1).to(ScalarType.Float64);
        var (optimizer, _) = Create(name, model.parameters(), nn.Linear(1, 1).parameters());
        var x = randn([8, 3], ScalarType.Float64, generator: new Generator(2));
        var y = randn([8, 1], ScalarType.Float64, generator: new Generator(3));
        void Train(nn.Module<Tensor, Tensor> m, IOptimizer o)
        {
            using var scope = NewDisposeScope();
            o.ZeroGrad();
            nn.functional.mse_loss(m.forward(x), y).backward();
            o.Step();
        }
        for (int i = 0; i < 5; i++) Train(model, optimizer);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.SaveState(writer);
        copy.load_state_dict(model.state_dict());
        var (restored, _) = Create(name, copy.parameters(), nn.Linear(1, 1).parameters());
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer)) restored.LoadState(reader);

        Train(model, optimizer);
        Train(copy, restored);
        Assert.True(model.weight!.allclose(copy.weight!, rtol: 0, atol: 0), "the resumed step differs");
    }
}
