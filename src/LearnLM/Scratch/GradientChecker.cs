using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Scratch;

/// <summary>
/// Gradient checking (chapter 3): compare a gradient computed by hand or by autograd with central finite differences,
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, whose error is O(h²). In float64 with h = 1e-6 that error is about
/// 1e-10 for smooth functions, so the default tolerance of 1e-6 catches any wrong derivative yet never a right one.
/// Works on any scalar function of a tensor, and on every parameter of any <see cref="nn.Module"/>.
/// </summary>
public static class GradientChecker
{
    /// <summary>The step h of the central difference.</summary>
    public const double DefaultStep = 1e-6;

    /// <summary>The agreement required: |analytic − numeric| ≤ tolerance · max(1, |numeric|).</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>
    /// ∂f/∂x by central differences. <paramref name="x"/> must be a float64 CPU tensor; it is perturbed in place one
    /// entry at a time and restored. <paramref name="f"/> must return a scalar.
    /// </summary>
    public static Tensor NumericalGradient(Func<Tensor, Tensor> f, Tensor x, double step = DefaultStep)
    {
        RequireFloat64(x, "x");
        using var _ = no_grad();
        var gradient = zeros_like(x);
        var values = x.data<double>();
        var result = gradient.data<double>();
        for (long i = 0; i < x.numel(); i++)
        {
            long[] index = Unravel(i, x.shape);
            double original = values[index];
            values[index] = original + step;
            double up = Evaluate(f, x);
            values[index] = original - step;
            double down = Evaluate(f, x);
            values[index] = original;
            result[index] = (up - down) / (2 * step);
        }
        return gradient;
    }

    /// <summary>Checks a hand-derived gradient <paramref name="analytic"/> of scalar <paramref name="f"/> at <paramref name="x"/>.</summary>
    public static GradientCheckResult Check(Func<Tensor, Tensor> f, Tensor x, Tensor analytic,
        double step = DefaultStep, double tolerance = DefaultTolerance)
    {
        using var numeric = NumericalGradient(f, x, step);
        return Compare(analytic, numeric, "x", tolerance);
    }

    /// <summary>Checks autograd's gradient of scalar <paramref name="f"/> at <paramref name="x"/>.</summary>
    public static GradientCheckResult CheckAutograd(Func<Tensor, Tensor> f, Tensor x,
        double step = DefaultStep, double tolerance = DefaultTolerance)
    {
        RequireFloat64(x, "x");
        using var leaf = x.detach().clone().requires_grad_(true);
        using (var value = f(leaf)) value.backward();
        return Check(f, x, leaf.grad!, step, tolerance);
    }

    /// <summary>
    /// Checks autograd's gradient of <paramref name="loss"/> with respect to every parameter of
    /// <paramref name="module"/> (which must be float64: call <c>module.to(ScalarType.Float64)</c>). The loss must be
    /// deterministic: put a module with dropout in evaluation mode first.
    /// </summary>
    public static GradientCheckResult CheckModule(nn.Module module, Func<Tensor> loss,
        double step = DefaultStep, double tolerance = DefaultTolerance)
    {
        var parameters = module.named_parameters().ToList();
        if (parameters.Count == 0) throw new ArgumentException("The module has no parameters to check.", nameof(module));
        foreach (var (_, p) in parameters) p.grad?.zero_();
        using (var value = loss()) value.backward();

        var results = new List<GradientCheckResult>();
        foreach (var (name, p) in parameters)
        {
            if (p.grad is null) throw new InvalidOperationException($"Parameter '{name}' received no gradient: the loss does not depend on it.");
            using var analytic = p.grad.clone();
            using var numeric = NumericalGradient(_ => loss(), p, step);
            results.Add(Compare(analytic, numeric, name, tolerance));
        }
        var worst = results.MaxBy(r => r.MaxAbsoluteError)!;
        return worst with { Passed = results.All(r => r.Passed), Entries = results.Sum(r => r.Entries) };
    }

    /// <summary>Compares two gradients entry by entry.</summary>
    public static GradientCheckResult Compare(Tensor analytic, Tensor numeric, string name = "x", double tolerance = DefaultTolerance)
    {
        if (!analytic.shape.SequenceEqual(numeric.shape))
            throw new ArgumentException($"The analytic gradient has shape [{string.Join(", ", analytic.shape)}] but the parameter has [{string.Join(", ", numeric.shape)}].");
        using var a = analytic.detach().to(ScalarType.Float64).cpu().contiguous();
        using var n = numeric.detach().to(ScalarType.Float64).cpu().contiguous();
        var av = a.data<double>().ToArray();
        var nv = n.data<double>().ToArray();
        bool passed = true;
        double maxError = 0;
        long worstIndex = 0;
        for (long i = 0; i < av.Length; i++)
        {
            double error = Math.Abs(av[i] - nv[i]);
            if (!(error <= tolerance * Math.Max(1, Math.Abs(nv[i])))) passed = false;   // NaN fails too
            if (error > maxError || double.IsNaN(error)) { maxError = error; worstIndex = i; }
        }
        string where = av.Length == 0 ? "(empty)"
            : $"{name}[{string.Join(", ", Unravel(worstIndex, analytic.shape))}]: analytic {av[worstIndex]:G6}, numeric {nv[worstIndex]:G6}";
        return new GradientCheckResult(passed, maxError, where, av.Length);
    }

    static double Evaluate(Func<Tensor, Tensor> f, Tensor x)
    {
        using var scope = NewDisposeScope();
        var value = f(x);
        if (value.numel() != 1) throw new ArgumentException($"The function must return a scalar; it returned shape [{string.Join(", ", value.shape)}].");
        return value.to(ScalarType.Float64).item<double>();
    }

    static void RequireFloat64(Tensor x, string name)
    {
        if (x.dtype != ScalarType.Float64 || x.device_type != DeviceType.CPU)
            throw new ArgumentException(
                $"Gradient checks need a float64 CPU tensor ({name} is {x.dtype} on {x.device}): in float32 the rounding error of a finite difference swamps the comparison. Use .to(ScalarType.Float64).cpu().");
    }

    static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
