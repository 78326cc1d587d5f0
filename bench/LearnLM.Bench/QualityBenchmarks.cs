using System.Diagnostics;
using LearnLM.Data.Download;
using LearnLM.Data.Loaders;
using LearnLM.Models.Convolution;
using LearnLM.Models.Recommenders;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>Quality per time at full settings: what a student gets, and how long it takes on this machine.</summary>
public static class QualityBenchmarks
{
    public static IEnumerable<object> Run()
    {
        var (folder, source) = FashionMnist.Locate(allowSample: true);
        var fashion = FashionMnistRecipe.Run(folder, FashionMnistSettings.Full);
        Console.WriteLine($"Fashion-MNIST CNN (full settings): {fashion.TestAccuracy:P2} in {fashion.Elapsed.TotalMinutes:F1} min");
        yield return new { kind = "quality", name = $"Fashion-MNIST CifarCnn, full settings ({source.Split(" from ")[0]})",
            value = $"{fashion.TestAccuracy:P2} test accuracy in {fashion.Elapsed.TotalMinutes:F1} min" };

        string? movieLens = DatasetStore.Default().Find("ml-100k");
        if (movieLens is null) { Console.WriteLine("ML-100K not present: 5-fold RMSE skipped."); yield break; }
        var clock = Stopwatch.StartNew();
        var rmses = Enumerable.Range(1, 5).Select(fold => MatrixFactorizationRmse(movieLens, fold)).ToList();
        Console.WriteLine($"ML-100K 5-fold MF RMSE: {rmses.Average():F4} ({string.Join(", ", rmses.Select(r => r.ToString("F4")))})");
        yield return new { kind = "quality", name = "ML-100K matrix factorisation, 5-fold (u1–u5) RMSE",
            value = $"{rmses.Average():F4} mean (folds {string.Join(", ", rmses.Select(r => r.ToString("F3")))}) in {clock.Elapsed.TotalMinutes:F1} min" };
    }

    // The settings of the model test on u1, on every official fold: 32 factors, Adam 5e-3, L2 0.05, 12 epochs of 1,024.
    static double MatrixFactorizationRmse(string folder, int fold)
    {
        var (train, test) = MovieLens100K.Fold(folder, fold);
        manual_seed(fold);
        double mean = train.Values.Average();
        var model = new MatrixFactorization(users: Math.Max(train.MaxUser, test.MaxUser) + 1, items: Math.Max(train.MaxItem, test.MaxItem) + 1, factors: 32, globalMean: mean);
        var (pairs, ratings) = train.ToTensors();
        model.Fit(pairs, ratings, epochs: 12, learningRate: 5e-3, l2: 0.05, batchSize: 1024);
        var (testPairs, testRatings) = test.ToTensors();
        using var _ = no_grad();
        return model.call(testPairs).clamp(1, 5).sub(testRatings).square().mean().sqrt().item<float>();
    }
}
