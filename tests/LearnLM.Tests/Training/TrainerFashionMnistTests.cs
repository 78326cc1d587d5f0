using LearnLM.Data;
using LearnLM.Data.Batching;
using LearnLM.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Training;

/// <summary>The trainer on real data: the embedded Fashion-MNIST sample (6,000 training and 1,000 test images).</summary>
[Collection(GlobalRandomCollection.Name)]
public sealed class TrainerFashionMnistTests
{
    static DataLoader Loader(string images, string labels, int batchSize, bool shuffle)
    {
        string dir = Samples.Locate("fashion-mnist-small");
        using var raw = IdxFile.ReadTensor(Path.Combine(dir, images));
        var x = raw.to(ScalarType.Float32).div(255).reshape(raw.shape[0], -1);           // (N, 784)
        var y = IdxFile.ReadTensor(Path.Combine(dir, labels)).to(ScalarType.Int64);     // (N)
        return new DataLoader(x, y, batchSize, shuffle, seed: 0);
    }

    [Fact]
    public void Loss_decreases_and_the_model_beats_chance_on_held_out_images()
    {
        var train = Loader("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 100, shuffle: true);
        var test = Loader("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 500, shuffle: false);
        torch.manual_seed(0);
        var model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10));
        var output = new StringWriter();

        var trainer = new Trainer(model, nn.CrossEntropyLoss(), optim.Adam(model.parameters(), 1e-3),
            new TrainerOptions { Epochs = 2, Metrics = [new Accuracy()], Callbacks = [new ProgressCallback(output)] });
        var history = trainer.Fit(train, test, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, history.Count);
        Assert.True(history[1].TrainLoss < history[0].TrainLoss, history.ToString());
        Assert.True(history[1].ValidLoss < history[0].ValidLoss, history.ToString());
        // Ten classes: chance is 10%. Two epochs of a small MLP reach about 80%; 65% leaves room for any seed.
        Assert.True(history[1].ValidMetrics!["accuracy"] > 0.65, history.ToString());

        var frame = history.ToDataFrame();
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(["epoch", "train_loss", "train_accuracy", "valid_loss", "valid_accuracy", "seconds", "learning_rate"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal(history[1].ValidLoss, (double?)frame["valid_loss"][1]);
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Training 2 epochs of 60 steps on cpu", lines[0]);
        Assert.StartsWith("epoch 1, train loss", lines[1]);
        Assert.Contains("(1/2, about", lines[1]);
        Assert.StartsWith("epoch 2, train loss", lines[2]);
        Assert.StartsWith("Done: 2 epochs", lines[3]);
    }
}
