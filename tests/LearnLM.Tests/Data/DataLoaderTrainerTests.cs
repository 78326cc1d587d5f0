using LearnLM.Data.Batching;
using LearnLM.Optim;
using LearnLM.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Data;

public sealed class DataLoaderTrainerTests
{
    [Fact]
    public void The_trainer_fits_a_line_from_a_shuffled_data_loader_one_epoch_per_enumeration()
    {
        // y = 3x − 2 on 256 points: the fitted layer must recover the slope and intercept.
        using var x = linspace(-1, 1, 256, dtype: ScalarType.Float64).unsqueeze(1);  // (256, 1)
        using var y = x.mul(3).sub(2);                                                  // (256, 1)
        var loader = new DataLoader(x, y, batchSize: 32, shuffle: true, seed: 1, device: CPU);
        var model = nn.Linear(1, 1, dtype: ScalarType.Float64);
        var trainer = new Trainer(model, (prediction, target) => nn.functional.mse_loss(prediction, target),
            new Sgd(model.parameters(), learningRate: 0.3), new TrainerOptions { Epochs = 60, Device = CPU });
        var history = trainer.Fit(loader, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(60, history.Count);
        // Exact data and a convex loss: after 60 epochs of 8 steps the fit is far tighter than 1e-3.
        Assert.Equal(3, model.weight!.item<double>(), 3);
        Assert.Equal(-2, model.bias!.item<double>(), 3);
    }
}
