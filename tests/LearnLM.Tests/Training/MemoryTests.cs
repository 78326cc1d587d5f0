using LearnLM.Activations;
using LearnLM.Losses;
using LearnLM.Optim;
using LearnLM.Scratch;
using LearnLM.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Training;

/// <summary>
/// Nothing accumulates across steps: after a warm-up (which creates optimizer state once), 1,000 more steps leave
/// the number of live tensors on this thread exactly where it was.
/// </summary>
public sealed class MemoryTests
{
    static long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void A_thousand_trainer_steps_keep_live_tensors_flat()
    {
        var data = TinyData.Regression(batches: 2);
        var model = TinyData.RegressionModel(1);
        var trainer = new Trainer(model, Mse, new Adam(model.parameters(), 0.01),
            new TrainerOptions { Metrics = [new Rmse()], Schedule = new CosineAnnealing(0.01, 1000), ClipGradNorm = 1 });
        for (int i = 0; i < 10; i++) trainer.TrainStep(data[i % 2].Input, data[i % 2].Target);

        long before = Live();
        for (int i = 0; i < 1000; i++) trainer.TrainStep(data[i % 2].Input, data[i % 2].Target);
        Assert.Equal(before, Live());
    }

    [Fact]
    public void Whole_epochs_with_metrics_and_validation_keep_live_tensors_flat()
    {
        var data = TinyData.Blobs(batches: 50);
        torch.manual_seed(0);
        var model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2)).to(ScalarType.Float64);
        // The hand-written loss, handed over as a function: its Forward trains through autograd.
        var trainer = new Trainer(model, new CrossEntropyLoss(labelSmoothing: 0.1).Forward, optim.Adam(model.parameters()),
            new TrainerOptions { Epochs = 1, Metrics = [new Accuracy()] });
        trainer.Fit(data, data, cancellationToken: TestContext.Current.CancellationToken);

        long before = Live();
        trainer.Fit(data, data, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before, Live());
    }

    [Fact]
    public void A_thousand_hand_written_steps_keep_live_tensors_flat()
    {
        var mlp = ManualMlp.Create([2, 8, 1], new Tanh(), new Identity(), seed: 1);
        var x = tensor(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = tensor(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var loss = new BinaryCrossEntropyWithLogitsLoss();
        mlp.TrainStep(x, y, loss, 0.5);

        long before = Live();
        for (int i = 0; i < 1000; i++) mlp.TrainStep(x, y, loss, 0.5);
        Assert.Equal(before, Live());
    }

    [Fact]
    public void Batches_a_data_source_creates_during_enumeration_are_freed_after_their_step()
    {
        // Like DataLoader: every enumeration makes new tensors that nobody else will dispose.
        IEnumerable<(Tensor Input, Tensor Target)> Fresh()
        {
            for (int i = 0; i < 100; i++) yield return (randn(8, 3, ScalarType.Float64), randn(8, 1, ScalarType.Float64));
        }
        var model = TinyData.RegressionModel(1);
        var trainer = new Trainer(model, Mse, new Sgd(model.parameters(), 0.01, momentum: 0.9));
        trainer.Fit(Fresh(), Fresh(), cancellationToken: TestContext.Current.CancellationToken);

        long before = Live();
        trainer.Fit(Fresh(), Fresh(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before, Live());
    }

    static Tensor Mse(Tensor yHat, Tensor y) => nn.functional.mse_loss(yHat, y);
}
