using System.Diagnostics;
using LearnLM.Devices;
using LearnLM.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>
/// Trains a model (chapter 5, used by every chapter after it): epochs over a data source of batches, the loss,
/// metrics, validation, a <see cref="History"/>, callbacks, checkpoints and cooperative cancellation.
/// <code>
/// var trainer = new Trainer(model, nn.CrossEntropyLoss(), optim.Adam(model.parameters()),
///     new TrainerOptions { Epochs = 5, Metrics = [new Accuracy()], Callbacks = [new ProgressCallback()] });
/// var history = trainer.Fit(train, valid);
/// </code>
/// Data is any re-enumerable <c>IEnumerable&lt;(Tensor Input, Tensor Target)&gt;</c>: one enumeration is one
/// epoch. Batches are moved to the trainer's device. Each step runs in its own dispose scope, which also takes
/// the tensors the data source creates while producing that batch (as <c>DataLoader</c> does): they are freed
/// after the step, so nothing accumulates. Batches made before the enumeration (a list of tensors) are left alone.
/// The model is moved to <see cref="Device"/> when the trainer is created; on a GPU, move it first
/// (<c>model.ToDevice()</c>) and then create its optimizer, so the optimizer holds the moved parameters.
/// </summary>
public sealed class Trainer
{
    readonly Func<Tensor, Tensor, Tensor> _loss;

    /// <summary>A trainer for <paramref name="model"/> with a loss function, e.g. <c>new CrossEntropyLoss().Forward</c> or a lambda.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss, IOptimizer optimizer, TrainerOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        if (Options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.Epochs, "TrainerOptions.Epochs must be at least 1.");
        Device = Options.Device ?? DeviceManager.Default;
        Model.ToDevice(Device);
    }

    /// <summary>A trainer with one of TorchSharp's optimizers, e.g. <c>optim.Adam(model.parameters())</c>.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss, optim.Optimizer optimizer, TrainerOptions? options = null)
        : this(model, loss, new TorchOptimizer(optimizer), options) { }

    /// <summary>A trainer with one of TorchSharp's loss modules, e.g. <c>nn.CrossEntropyLoss()</c>.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, IOptimizer optimizer, TrainerOptions? options = null)
        : this(model, (loss ?? throw new ArgumentNullException(nameof(loss))).forward, optimizer, options) { }

    /// <summary>A trainer with a TorchSharp loss module and a TorchSharp optimizer.</summary>
    public Trainer(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss, optim.Optimizer optimizer, TrainerOptions? options = null)
        : this(model, (loss ?? throw new ArgumentNullException(nameof(loss))).forward, new TorchOptimizer(optimizer), options) { }

    public nn.Module<Tensor, Tensor> Model { get; }
    public IOptimizer Optimizer { get; }
    public TrainerOptions Options { get; }
    public Device Device { get; }

    /// <summary>Every epoch trained so far, across <see cref="Fit"/> calls.</summary>
    public History History { get; } = new();

    /// <summary>Epochs completed (restored by <see cref="LoadCheckpoint"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>Optimizer steps taken (restored by <see cref="LoadCheckpoint"/>).</summary>
    public long GlobalStep { get; private set; }

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> more epochs, validating after each when <paramref name="valid"/>
    /// is given. <paramref name="cancellationToken"/> is checked before every step; cancelling throws
    /// <see cref="OperationCanceledException"/> after the step in progress (callbacks still get OnFitEnd).
    /// Returns <see cref="History"/>.
    /// </summary>
    public History Fit(IEnumerable<(Tensor Input, Tensor Target)> train, IEnumerable<(Tensor Input, Tensor Target)>? valid = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Options.Seed is { } seed && GlobalStep == 0) Seeding.Seed(seed);
        int? stepsPerEpoch = CountOf(train);
        var clock = Stopwatch.StartNew();
        int first = Epoch + 1, last = Epoch + Options.Epochs;
        foreach (var callback in Options.Callbacks) callback.OnFitStart(new FitStart(this, first, last, stepsPerEpoch));
        try
        {
            for (int epoch = first; epoch <= last; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                var (trainLoss, trainMetrics, steps, stopped) = TrainEpoch(train, epoch, stepsPerEpoch, clock, cancellationToken);
                stepsPerEpoch ??= steps;
                var validation = valid is null ? null : Evaluate(valid);
                Epoch = epoch;
                var record = new EpochRecord(epoch, trainLoss, trainMetrics, validation?.Loss, validation?.Metrics,
                    epochClock.Elapsed.TotalSeconds, Optimizer.LearningRate);
                History.Add(record);
                foreach (var callback in Options.Callbacks) callback.OnEpochEnd(record);
                if (stopped || StopRequested()) break;
            }
        }
        finally
        {
            foreach (var callback in Options.Callbacks) callback.OnFitEnd(History);
        }
        return History;
    }

    (double Loss, IReadOnlyDictionary<string, double> Metrics, int Steps, bool Stopped) TrainEpoch(
        IEnumerable<(Tensor Input, Tensor Target)> train, int epoch, int? stepsPerEpoch, Stopwatch clock, CancellationToken cancellationToken)
    {
        foreach (var metric in Options.Metrics) metric.Reset();
        double lossSum = 0;
        long examples = 0;
        int step = 0;
        using var batches = train.GetEnumerator();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Tensors the data source creates while producing this batch belong to this scope: freed after the step.
            using var scope = NewDisposeScope();
            if (!batches.MoveNext()) break;
            var (input, target) = batches.Current;
            double learningRate = Options.Schedule?.LearningRate(GlobalStep) ?? Optimizer.LearningRate;
            double loss = Step(input, target, updateMetrics: true);
            long batchSize = BatchSize(target);
            lossSum += loss * batchSize;
            examples += batchSize;
            step++;
            var info = new StepEnd(epoch, step, GlobalStep, loss, learningRate, stepsPerEpoch, clock.Elapsed);
            foreach (var callback in Options.Callbacks) callback.OnStepEnd(info);
            if (StopRequested()) return (lossSum / examples, MetricValues(), step, true);
        }
        if (step == 0) throw new ArgumentException("The training data yielded no batches. Check the data source (is it empty, or a one-shot enumerator already consumed?).", nameof(train));
        return (lossSum / examples, MetricValues(), step, false);
    }

    /// <summary>
    /// One optimizer step on one batch: forward, loss, backward, optional clipping, update. Returns the batch's loss.
    /// For hand-written loops; <see cref="Fit"/> calls it for every batch.
    /// </summary>
    public double TrainStep(Tensor input, Tensor target) => Step(input, target, updateMetrics: false);

    double Step(Tensor input, Tensor target, bool updateMetrics)
    {
        using var scope = NewDisposeScope();
        var x = ToDevice(input);
        var y = ToDevice(target);
        if (Options.Schedule is { } schedule) Optimizer.LearningRate = schedule.LearningRate(GlobalStep);
        Model.train();
        var yHat = Model.forward(x);
        var loss = _loss(yHat, y);
        if (loss.numel() != 1)
            throw new InvalidOperationException($"The loss must be a scalar; it returned shape [{string.Join(", ", loss.shape)}]. Use a mean (reduction) over the batch.");
        Optimizer.ZeroGrad();
        loss.backward();
        if (Options.ClipGradNorm is { } maxNorm) GradientClipping.ClipByNorm(Model.parameters(), maxNorm);
        Optimizer.Step();
        GlobalStep++;
        if (updateMetrics && Options.Metrics.Count > 0)
            using (no_grad())
                foreach (var metric in Options.Metrics) metric.Update(yHat.detach(), y);
        return loss.ToDouble();
    }

    /// <summary>The mean loss and metrics over <paramref name="data"/>, in evaluation mode without gradients.</summary>
    public Evaluation Evaluate(IEnumerable<(Tensor Input, Tensor Target)> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var metric in Options.Metrics) metric.Reset();
            double lossSum = 0;
            long examples = 0;
            using var batches = data.GetEnumerator();
            while (true)
            {
                using var scope = NewDisposeScope();
                if (!batches.MoveNext()) break;
                var (input, target) = batches.Current;
                var y = ToDevice(target);
                var yHat = Model.forward(ToDevice(input));
                long batchSize = BatchSize(target);
                lossSum += _loss(yHat, y).ToDouble() * batchSize;
                examples += batchSize;
                foreach (var metric in Options.Metrics) metric.Update(yHat, y);
            }
            if (examples == 0) throw new ArgumentException("The evaluation data yielded no batches.", nameof(data));
            return new Evaluation(lossSum / examples, MetricValues());
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>The model's output for <paramref name="input"/> in evaluation mode, without gradients. The caller owns the result.</summary>
    public Tensor Predict(Tensor input)
    {
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            return Model.forward(ToDevice(input));
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>Saves model, optimizer state, epoch and step counters, history and the random generator's state (temp file, then moved).</summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(path, Model, Optimizer, new CheckpointInfo(Epoch, GlobalStep), History);

    /// <summary>Restores what <see cref="SaveCheckpoint"/> wrote into this trainer's model and optimizer; the next <see cref="Fit"/> continues from there.</summary>
    public CheckpointInfo LoadCheckpoint(string path)
    {
        var info = Checkpoint.Load(path, Model, Optimizer, History);
        Epoch = info.Epoch;
        GlobalStep = info.GlobalStep;
        return info;
    }

    bool StopRequested() => Options.Callbacks.Any(c => c.StopRequested);

    IReadOnlyDictionary<string, double> MetricValues() => Options.Metrics.ToDictionary(m => m.Name, m => m.Compute());

    Tensor ToDevice(Tensor t) => t.ToDevice(Device);

    static long BatchSize(Tensor target) => target.dim() == 0 ? 1 : target.shape[0];

    static int? CountOf(IEnumerable<(Tensor, Tensor)> data) => data switch
    {
        IReadOnlyCollection<(Tensor, Tensor)> collection => collection.Count,
        _ when data.TryGetNonEnumeratedCount(out int count) => count,
        _ => null,
    };
}
