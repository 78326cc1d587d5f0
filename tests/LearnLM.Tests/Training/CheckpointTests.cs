using LearnLM.Optim;
using LearnLM.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Training;

[Collection(GlobalRandomCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    sealed class StepLosses : ITrainingCallback
    {
        public readonly List<double> Losses = [];
        public void OnStepEnd(StepEnd step) => Losses.Add(step.Loss);
    }

    static Tensor Mse(Tensor yHat, Tensor y) => nn.functional.mse_loss(yHat, y);

    [Theory]
    [InlineData("ours")]
    [InlineData("torchsharp")]
    public void Resuming_from_a_checkpoint_gives_the_same_next_steps_as_an_uninterrupted_run(string optimizerKind)
    {
        var data = TinyData.Regression(batches: 4);
        IOptimizer CreateOptimizer(nn.Module m) => optimizerKind == "ours"
            ? new Adam(m.parameters(), 0.05)
            : new TorchOptimizer(optim.Adam(m.parameters(), 0.05));

        var straightLosses = new StepLosses();
        var straightModel = TinyData.RegressionModel(1);
        var straight = new Trainer(straightModel, Mse, CreateOptimizer(straightModel), new TrainerOptions { Epochs = 3, Callbacks = [straightLosses] });
        straight.Fit(data, cancellationToken: TestContext.Current.CancellationToken);

        var firstModel = TinyData.RegressionModel(1);
        var first = new Trainer(firstModel, Mse, CreateOptimizer(firstModel), new TrainerOptions { Epochs = 2, Metrics = [new Rmse()] });
        first.Fit(data, data, cancellationToken: TestContext.Current.CancellationToken);
        string path = Path.Combine(_dir, "model.ckpt");
        first.SaveCheckpoint(path);

        // A different initialisation and a fresh optimizer: everything must come from the file.
        var resumedLosses = new StepLosses();
        var resumedModel = TinyData.RegressionModel(99);
        var resumed = new Trainer(resumedModel, Mse, CreateOptimizer(resumedModel), new TrainerOptions { Epochs = 1, Callbacks = [resumedLosses] });
        Assert.Equal(new CheckpointInfo(2, 8), resumed.LoadCheckpoint(path));
        var history = resumed.Fit(data, cancellationToken: TestContext.Current.CancellationToken);

        // The history comes back too: the saved two epochs, then the resumed third.
        Assert.Equal(3, history.Count);
        Assert.Equal(first.History[1].TrainLoss, history[1].TrainLoss);
        Assert.Equal(first.History[1].TrainMetrics, history[1].TrainMetrics);
        Assert.Equal(3, history[2].Epoch);
        // Same float64 operations on the same values in the same order: bit-for-bit equal.
        Assert.Equal(straightLosses.Losses.Skip(8), resumedLosses.Losses);
        Assert.Equal(straight.History[2].TrainLoss, history[2].TrainLoss);
        Assert.Equal([Path.Combine(_dir, "model.ckpt")], Directory.GetFiles(_dir));   // no temporary file left behind
    }

    [Fact]
    public void Without_its_optimizer_state_a_resumed_adam_run_would_differ()
    {
        // The test above would pass vacuously if optimizer state did not matter; it does.
        var data = TinyData.Regression(batches: 4);
        var model = TinyData.RegressionModel(1);
        var trainer = new Trainer(model, Mse, new Adam(model.parameters(), 0.05), new TrainerOptions { Epochs = 2 });
        trainer.Fit(data, cancellationToken: TestContext.Current.CancellationToken);
        string path = Path.Combine(_dir, "a.ckpt");
        trainer.SaveCheckpoint(path);
        double withState = trainer.TrainStep(data[0].Input, data[0].Target);
        double next = trainer.TrainStep(data[1].Input, data[1].Target);

        var copy = TinyData.RegressionModel(1);
        Checkpoint.Load(path, copy, optimizer: null);
        var fresh = new Trainer(copy, Mse, new Adam(copy.parameters(), 0.05));
        Assert.Equal(withState, fresh.TrainStep(data[0].Input, data[0].Target));   // same weights: same first loss
        Assert.NotEqual(next, fresh.TrainStep(data[1].Input, data[1].Target));    // but a fresh Adam steps differently
    }

    [Fact]
    public void Best_checkpoint_keeps_the_best_epoch()
    {
        var data = TinyData.Regression(batches: 4);
        var model = TinyData.RegressionModel(1);
        string path = Path.Combine(_dir, "best.ckpt");
        var best = new BestCheckpoint(path, "train_loss");
        var trainer = new Trainer(model, Mse, new Sgd(model.parameters(), 0.05), new TrainerOptions { Epochs = 3, Callbacks = [best] });
        trainer.Fit(data, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, best.BestEpoch);   // plain SGD on a convex-ish problem improves every epoch
        Assert.Equal(trainer.History[2].TrainLoss, best.Best);
        var restored = TinyData.RegressionModel(5);
        Assert.Equal(3, Checkpoint.Load(path, restored, optimizer: null).Epoch);
        foreach (var (a, b) in model.parameters().Zip(restored.parameters())) Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    [Fact]
    public void Loading_what_is_not_a_checkpoint_says_so()
    {
        string path = Path.Combine(_dir, "junk.ckpt");
        File.WriteAllText(path, "not a checkpoint");
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, TinyData.RegressionModel(1), null));
        Assert.Contains("not a LearnLM checkpoint", error.Message);
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(Path.Combine(_dir, "missing"), TinyData.RegressionModel(1), null));
    }
}
