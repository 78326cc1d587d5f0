using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// Gradient clipping by global norm (chapter 5; chapter 9 for exploding gradients in RNNs): when the norm of all
/// gradients together, ‖g‖ = √Σ‖gᵢ‖², exceeds c, scale every gradient by c / (‖g‖ + 10⁻⁶), keeping its direction.
/// As <c>torch.nn.utils.clip_grad_norm_</c>.
/// </summary>
public static class GradientClipping
{
    /// <summary>Clips in place; returns the norm before clipping (worth logging: spikes signal trouble).</summary>
    public static double ClipByNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be > 0.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (grads.Count == 0) return 0;
        var total = stack(grads.Select(g => g.norm().to(ScalarType.Float64)).ToArray()).norm().item<double>();
        double scale = maxNorm / (total + 1e-6);
        if (scale < 1)
            foreach (var g in grads) g.mul_(scale);
        return total;
    }
}
