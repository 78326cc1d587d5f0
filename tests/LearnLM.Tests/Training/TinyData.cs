using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Training;

/// <summary>Small deterministic data sets as lists of batches, the shape the trainer consumes.</summary>
static class TinyData
{
    /// <summary>A noisy linear regression y = x·w + 0.1ε, in batches.</summary>
    public static List<(Tensor Input, Tensor Target)> Regression(int batches, int batchSize = 8, long seed = 1)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var w = tensor(new[] { 1.5, -2.0, 0.5 }).reshape(3, 1);
        var result = new List<(Tensor, Tensor)>();
        for (int i = 0; i < batches; i++)
        {
            var x = randn([batchSize, 3], ScalarType.Float64, generator: generator);
            var y = x.matmul(w) + 0.1 * randn([batchSize, 1], ScalarType.Float64, generator: generator);
            result.Add((x, y));
        }
        return result;
    }

    /// <summary>Two Gaussian blobs labelled 0 and 1 (class indices), in batches.</summary>
    public static List<(Tensor Input, Tensor Target)> Blobs(int batches, int batchSize = 16, long seed = 2)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var result = new List<(Tensor, Tensor)>();
        for (int i = 0; i < batches; i++)
        {
            var y = randint(0, 2, [batchSize], ScalarType.Int64, generator: generator);
            var x = randn([batchSize, 2], ScalarType.Float64, generator: generator) + (y.to(ScalarType.Float64) * 3 - 1.5).unsqueeze(1);
            result.Add((x, y));
        }
        return result;
    }

    /// <summary>A small float64 regression network from a fixed seed.</summary>
    public static nn.Module<Tensor, Tensor> RegressionModel(long seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1)).to(ScalarType.Float64);
    }
}
