using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Foundation;

/// <summary>
/// The foundation's promise: TorchSharp's natives load from the build output on this machine (on Debian 12 only
/// because the build patched them) and autograd gives the gradient that finite differences measure.
/// </summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void Mlp_backward_matches_central_finite_differences()
    {
        torch.manual_seed(0);
        var mlp = nn.Sequential(
            ("hidden", nn.Linear(3, 4)), ("tanh", nn.Tanh()), ("out", nn.Linear(4, 1))).to(ScalarType.Float64);
        var x = torch.randn(5, 3, dtype: ScalarType.Float64);
        var y = torch.randn(5, 1, dtype: ScalarType.Float64);
        Tensor Loss() => nn.functional.mse_loss(mlp.forward(x), y);

        Loss().backward();
        var weight = mlp.parameters().First();               // hidden.weight, (4, 3)
        var analytic = weight.grad!.clone();

        // Central differences: error O(h²) ≈ 1e-12 at h = 1e-6 in float64, far below the 1e-7 tolerance.
        const double h = 1e-6;
        using var _ = torch.no_grad();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
            {
                double original = weight[i, j].item<double>();
                weight[i, j] = original + h; double up = Loss().item<double>();
                weight[i, j] = original - h; double down = Loss().item<double>();
                weight[i, j] = original;
                double numeric = (up - down) / (2 * h);
                Assert.Equal(numeric, analytic[i, j].item<double>(), 1e-7);
            }
    }

    [Fact]
    public void Natives_load_from_the_build_output_without_the_fallback_copy()
    {
        using var t = torch.ones(2, 3);
        Assert.Equal(6f, t.sum().item<float>());
        // TorchSharp copies ~600 MB of natives into cpu/ only when loading from runtimes/ failed.
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")),
            "TorchSharp fell back to copying its natives into cpu/: the build's native patch did not take effect.");
    }
}
