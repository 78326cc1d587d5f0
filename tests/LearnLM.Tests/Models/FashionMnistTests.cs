using System.Diagnostics;
using LearnLM.Models.Convolution;

namespace LearnLM.Tests.Models;

public sealed class FashionMnistTests(ITestOutputHelper output)
{
    const string Folder = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void The_small_cnn_reaches_88_percent_test_accuracy_in_a_quick_run()
    {
        if (!File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz")))
            Assert.Skip($"Full Fashion-MNIST is not in {Folder} (Debian package fashion-mnist); test skipped.");
        ContendedCpu.UseOneThread();
        var result = FashionMnistRecipe.Run(Folder, FashionMnistSettings.Quick);
        output.WriteLine($"test accuracy {result.TestAccuracy:P2}, epoch losses {string.Join(", ", result.EpochLosses.Select(l => l.ToString("F3")))}, " +
                         $"{result.Parameters:N0} parameters, {result.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.TestAccuracy >= 0.88, $"test accuracy {result.TestAccuracy:P2}");
    }
}
