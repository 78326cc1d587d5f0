using System.CommandLine;
using System.Diagnostics;
using LearnLM.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Cli;

/// <summary>
/// `learnlm demo`: trains a small MLP on the embedded Fashion-MNIST sample and prints its test accuracy —
/// a smoke test that TorchSharp loads and learns on this machine.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 6,000 training images.", DefaultValueFactory = _ => 3 };
        var command = new Command("demo", "Train a small MLP on the embedded Fashion-MNIST sample and print its accuracy.") { epochs };
        command.SetAction(parse => Run(parse.GetValue(epochs)));
        return command;
    }

    static int Run(int epochs)
    {
        if (epochs < 1) { Console.Error.WriteLine("--epochs must be at least 1."); return 2; }
        torch.manual_seed(0);
        string dir = Samples.Locate("fashion-mnist-small");
        using var xTrain = Images(Path.Combine(dir, "train-images-idx3-ubyte.gz"));
        using var yTrain = IdxFile.ReadTensor(Path.Combine(dir, "train-labels-idx1-ubyte.gz")).to(ScalarType.Int64);
        using var xTest = Images(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"));
        using var yTest = IdxFile.ReadTensor(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz")).to(ScalarType.Int64);

        var model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var clock = Stopwatch.StartNew();
        const int batch = 64;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            using var order = torch.randperm(xTrain.shape[0]);
            double total = 0; int steps = 0;
            for (long start = 0; start < xTrain.shape[0]; start += batch)
            {
                using var scope = torch.NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(batch, xTrain.shape[0] - start));
                var loss = nn.functional.cross_entropy(model.forward(xTrain.index_select(0, index)), yTrain.index_select(0, index));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                total += loss.item<float>(); steps++;
            }
            Console.WriteLine($"epoch {epoch}: train loss {total / steps:F4}");
        }
        model.eval();
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            double accuracy = model.forward(xTest).argmax(1).eq(yTest).to(ScalarType.Float32).mean().item<float>();
            Console.WriteLine($"test accuracy: {accuracy:P1} on {yTest.shape[0]} held-out images ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        return 0;
    }

    static Tensor Images(string path)
    {
        using var raw = IdxFile.ReadTensor(path);
        return raw.to(ScalarType.Float32).div(255).reshape(raw.shape[0], -1);
    }
}
