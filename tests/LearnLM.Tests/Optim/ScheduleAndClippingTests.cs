using LearnLM.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Optim;

public sealed class ScheduleAndClippingTests
{
    /// <summary>The learning rates a TorchSharp scheduler gives, stepping it once per optimizer step.</summary>
    static List<double> TorchRates(double initial, Func<optim.Optimizer, optim.lr_scheduler.LRScheduler> create, int steps)
    {
        var optimizer = optim.SGD(nn.Linear(1, 1).parameters(), initial);
        var scheduler = create(optimizer);
        var rates = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            rates.Add(optimizer.ParamGroups.First().LearningRate);
            optimizer.step();
            scheduler.step();
        }
        return rates;
    }

    static void AssertRates(IReadOnlyList<double> expected, ILearningRateSchedule schedule)
    {
        for (int step = 0; step < expected.Count; step++)
            Assert.Equal(expected[step], schedule.LearningRate(step), 1e-12);   // closed form vs PyTorch's recursion: rounding only
    }

    [Fact]
    public void Step_decay_matches_StepLR() =>
        AssertRates(TorchRates(0.5, o => optim.lr_scheduler.StepLR(o, 3, 0.5), 12), new StepDecay(0.5, 3, 0.5));

    [Fact]
    public void Cosine_annealing_matches_CosineAnnealingLR() =>
        AssertRates(TorchRates(0.1, o => optim.lr_scheduler.CosineAnnealingLR(o, 10, 0.001), 11), new CosineAnnealing(0.1, 10, 0.001));

    [Fact]
    public void Linear_warmup_matches_LinearLR_then_hands_over()
    {
        AssertRates(TorchRates(0.2, o => optim.lr_scheduler.LinearLR(o, 0.25, 1.0, 4), 8), new LinearWarmup(0.2, 4, startFactor: 0.25));
        var warmupThenCosine = new LinearWarmup(0.2, 4, new CosineAnnealing(0.2, 10));
        Assert.Equal(0.0, warmupThenCosine.LearningRate(0));
        Assert.Equal(0.1, warmupThenCosine.LearningRate(2), 1e-15);
        Assert.Equal(0.2, warmupThenCosine.LearningRate(4), 1e-15);
        Assert.Equal(0.1, warmupThenCosine.LearningRate(4 + 5), 1e-15);   // cosine half way: ½η₀
    }

    [Theory]
    [InlineData(0.5)]     // clips
    [InlineData(1000.0)]  // leaves alone
    public void Clipping_matches_clip_grad_norm(double maxNorm)
    {
        torch.manual_seed(1);
        var ours = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2)).to(ScalarType.Float64);
        var theirs = nn.Sequential(nn.Linear(4, 3), nn.Linear(3, 2)).to(ScalarType.Float64);
        theirs.load_state_dict(ours.state_dict());
        var x = randn([5, 4], ScalarType.Float64, generator: new Generator(1)) * 10;
        ours.forward(x).pow(2).sum().backward();
        theirs.forward(x).pow(2).sum().backward();

        double ourNorm = GradientClipping.ClipByNorm(ours.parameters(), maxNorm);
        double theirNorm = nn.utils.clip_grad_norm_(theirs.parameters(), maxNorm);

        Assert.Equal(theirNorm, ourNorm, 1e-9 * theirNorm);
        foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
            Assert.True(a.grad!.allclose(b.grad!, rtol: 1e-12, atol: 1e-12));
        double after = Math.Sqrt(ours.parameters().Sum(p => p.grad!.pow(2).sum().item<double>()));
        Assert.True(after <= Math.Min(maxNorm, ourNorm) + 1e-9, $"norm after clipping {after}");
    }
}
