using LearnLM.Devices;
using LearnLM.Optim;
using LearnLM.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Training;

[Collection(GlobalRandomCollection.Name)]
public sealed class TrainerTests
{
    sealed class Recorder : ITrainingCallback
    {
        public FitStart? Start;
        public readonly List<StepEnd> Steps = [];
        public readonly List<EpochRecord> Epochs = [];
        public int FitEnds;
        public Action<StepEnd>? OnStep;
        public void OnFitStart(FitStart start) => Start = start;
        public void OnStepEnd(StepEnd step) { Steps.Add(step); OnStep?.Invoke(step); }
        public void OnEpochEnd(EpochRecord record) => Epochs.Add(record);
        public void OnFitEnd(History history) => FitEnds++;
    }

    static Tensor Mse(Tensor yHat, Tensor y) => nn.functional.mse_loss(yHat, y);

    [Fact]
    public void Callbacks_hear_every_step_and_epoch_with_what_a_progress_bar_needs()
    {
        var data = TinyData.Regression(batches: 5);
        var model = TinyData.RegressionModel(1);
        var recorder = new Recorder();
        var trainer = new Trainer(model, Mse, new Sgd(model.parameters(), 0.05),
            new TrainerOptions { Epochs = 3, Callbacks = [recorder], Metrics = [new Rmse()] });

        var history = trainer.Fit(data, data, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new FitStart(trainer, 1, 3, 5), recorder.Start);
        Assert.Equal(15, recorder.Start!.TotalSteps);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), recorder.Steps.Select(s => s.GlobalStep));
        Assert.Equal([1, 2, 3, 4, 5], recorder.Steps.Take(5).Select(s => s.Step));
        Assert.All(recorder.Steps, s => Assert.Equal(5, s.StepsPerEpoch));
        Assert.Equal(history.ToList(), recorder.Epochs);
        Assert.Equal(1, recorder.FitEnds);
        Assert.Equal(3, trainer.Epoch);
        // The epoch's train loss is the batch-size-weighted mean of its step losses (equal batches: the plain mean).
        Assert.Equal(recorder.Steps.Take(5).Average(s => s.Loss), history[0].TrainLoss, 1e-12);
        // Validation on the same data after the epoch: RMSE² is the MSE loss.
        Assert.Equal(history[2].ValidLoss!.Value, Math.Pow(history[2].ValidMetrics!["rmse"], 2), 1e-12);
        Assert.True(history[2].TrainLoss < history[0].TrainLoss);
    }

    [Fact]
    public void Unknown_length_data_learns_its_steps_per_epoch_after_the_first_epoch()
    {
        var list = TinyData.Regression(batches: 4);
        IEnumerable<(Tensor, Tensor)> Stream() { foreach (var b in list) yield return b; }
        var model = TinyData.RegressionModel(1);
        var recorder = new Recorder();
        new Trainer(model, Mse, new Sgd(model.parameters(), 0.05), new TrainerOptions { Epochs = 2, Callbacks = [recorder] }).Fit(Stream(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(recorder.Start!.StepsPerEpoch);
        Assert.Null(recorder.Steps[0].StepsPerEpoch);
        Assert.Equal(4, recorder.Steps[4].StepsPerEpoch);
    }

    [Fact]
    public void Early_stopping_stops_when_the_monitored_value_stops_improving()
    {
        var data = TinyData.Regression(batches: 3);
        var model = TinyData.RegressionModel(1);
        // Learning rate 0: the validation loss never improves after epoch 1, so patience 2 stops after epoch 3.
        var stopping = new EarlyStopping("valid_loss", patience: 2);
        var trainer = new Trainer(model, Mse, new Sgd(model.parameters(), 0.0), new TrainerOptions { Epochs = 10, Callbacks = [stopping] });
        var history = trainer.Fit(data, data, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, history.Count);
        Assert.Equal(3, stopping.StoppedAfterEpoch);
        Assert.Equal(1, stopping.BestEpoch);
    }

    [Fact]
    public void Early_stopping_keeps_going_while_the_model_improves_and_names_missing_columns()
    {
        var data = TinyData.Regression(batches: 3);
        var model = TinyData.RegressionModel(1);
        var stopping = new EarlyStopping("train_loss", patience: 1);
        var history = new Trainer(model, Mse, new Sgd(model.parameters(), 0.05), new TrainerOptions { Epochs = 4, Callbacks = [stopping] }).Fit(data, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, history.Count);
        Assert.Null(stopping.StoppedAfterEpoch);

        var needsValidation = new Trainer(model, Mse, new Sgd(model.parameters(), 0.05), new TrainerOptions { Callbacks = [new EarlyStopping()] });
        var error = Assert.Throws<InvalidOperationException>(() => needsValidation.Fit(data, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Pass validation data", error.Message);
    }

    [Fact]
    public void Cancellation_stops_within_one_step()
    {
        var data = TinyData.Regression(batches: 10);
        var model = TinyData.RegressionModel(1);
        using var cancellation = new CancellationTokenSource();
        var recorder = new Recorder { OnStep = s => { if (s.GlobalStep == 3) cancellation.Cancel(); } };
        var trainer = new Trainer(model, Mse, new Sgd(model.parameters(), 0.05), new TrainerOptions { Epochs = 5, Callbacks = [recorder] });

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(data, cancellationToken: cancellation.Token));
        Assert.Equal(3, trainer.GlobalStep);
        Assert.Equal(1, recorder.FitEnds);
        Assert.Empty(trainer.History);
    }

    [Fact]
    public void Seeding_makes_runs_with_dropout_repeat()
    {
        var data = TinyData.Regression(batches: 4);
        double[] Run(long seed)
        {
            torch.manual_seed(5);
            var model = nn.Sequential(nn.Linear(3, 16), nn.Dropout(0.5), nn.Linear(16, 1)).to(ScalarType.Float64);
            var recorder = new Recorder();
            new Trainer(model, Mse, optim.SGD(model.parameters(), 0.01), new TrainerOptions { Seed = seed, Callbacks = [recorder] }).Fit(data, cancellationToken: TestContext.Current.CancellationToken);
            return recorder.Steps.Select(s => s.Loss).ToArray();
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Evaluate_and_predict_use_evaluation_mode_and_restore_training_mode()
    {
        var data = TinyData.Blobs(batches: 4);
        torch.manual_seed(2);
        var model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Dropout(0.9), nn.Linear(8, 2)).to(ScalarType.Float64);
        var trainer = new Trainer(model, nn.CrossEntropyLoss(), new Adam(model.parameters(), 0.05),
            new TrainerOptions { Epochs = 5, Metrics = [new Accuracy()] });
        trainer.Fit(data, cancellationToken: TestContext.Current.CancellationToken);

        var first = trainer.Evaluate(data);
        var second = trainer.Evaluate(data);
        Assert.Equal(first, second with { Metrics = first.Metrics });   // dropout off: the same loss twice
        Assert.Equal(first.Metrics["accuracy"], second.Metrics["accuracy"]);
        Assert.True(first.Metrics["accuracy"] > 0.9, first.ToString());   // two blobs 3σ apart
        Assert.True(model.training);
        using var prediction = trainer.Predict(data[0].Input);
        Assert.Equal([16L, 2L], prediction.shape);
        Assert.False(prediction.requires_grad);
    }

    [Theory]
    [InlineData("ours")]
    [InlineData("torchsharp")]
    public void Schedule_and_clipping_apply_to_every_step(string optimizerKind)
    {
        var data = TinyData.Regression(batches: 4);
        var model = TinyData.RegressionModel(1);
        var recorder = new Recorder();
        IOptimizer optimizer = optimizerKind == "ours" ? new Sgd(model.parameters(), 1.0) : new TorchOptimizer(optim.SGD(model.parameters(), 1.0));
        var trainer = new Trainer(model, Mse, optimizer, new TrainerOptions
        {
            Epochs = 2, Callbacks = [recorder], Schedule = new StepDecay(0.1, 3, 0.5), ClipGradNorm = 0.5,
        });
        trainer.Fit(data, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025], recorder.Steps.Select(s => s.LearningRate));
        Assert.Equal(0.025, optimizer.LearningRate);
        Assert.Equal(0.025, trainer.History[1].LearningRate);
        Assert.Same(DeviceManager.Default, trainer.Device);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_what_to_do()
    {
        var model = TinyData.RegressionModel(1);
        var empty = new Trainer(model, Mse, new Sgd(model.parameters(), 0.1));
        Assert.Contains("no batches", Assert.Throws<ArgumentException>(() => empty.Fit([], cancellationToken: TestContext.Current.CancellationToken)).Message);
        var notScalar = new Trainer(model, (a, b) => a - b, new Sgd(model.parameters(), 0.1));
        Assert.Contains("scalar", Assert.Throws<InvalidOperationException>(() => notScalar.Fit(TinyData.Regression(1), cancellationToken: TestContext.Current.CancellationToken)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, Mse, new Sgd(model.parameters(), 0.1), new TrainerOptions { Epochs = 0 }));
    }
}
