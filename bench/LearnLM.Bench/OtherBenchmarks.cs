using LearnLM.Data.Loaders;
using LearnLM.Kernel.Extensions.Formatting;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>Formatter cost on small and huge tensors, and data loading time.</summary>
public static class OtherBenchmarks
{
    public static IEnumerable<object> Run(int runs)
    {
        Formatters.RegisterDefaults();
        foreach (var (name, shape) in new (string, long[])[]
                 {
                     ("format 10×10 float32 tensor", [10, 10]),
                     ("format 1000×1000 float32 tensor", [1000, 1000]),
                     ("format 100M-element float32 tensor (10000×10000)", [10_000, 10_000]),
                 })
        {
            using var t = randn(shape);
            int count = 0;
            var timing = Timing.Measure(() => count += Formatter.Format(t).Data.Count, warmup: 1, runs: Math.Min(runs, 10));
            Console.WriteLine($"{name}: {timing.MedianMs:F1} ms");
            yield return new { kind = "other", name, timing };
        }

        var (folder, source) = FashionMnist.Locate(allowSample: true);
        var load = Timing.Measure(() => FashionMnist.LoadTrain(folder).Dispose(), warmup: 1, runs: 5);
        string what = source.StartsWith("full", StringComparison.Ordinal) ? "60,000" : "6,000 (sample only: full set absent)";
        Console.WriteLine($"load Fashion-MNIST train ({what}): {load.MedianMs:F0} ms");
        yield return new { kind = "other", name = $"load Fashion-MNIST training images into a tensor ({what})", timing = load };
    }
}
