using static TorchSharp.torch;

namespace LearnLM.Activations;

/// <summary>
/// GELU(x) = x·Φ(x), with Φ the standard normal CDF (chapter 4; used by the transformers of chapters 10–11).
/// Exact: Φ(x) = ½(1 + erf(x/√2)), GELU'(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).
/// With <paramref name="tanhApproximation"/>: ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³), as GPT-2 uses.
/// </summary>
public sealed class GELU(bool tanhApproximation = false) : ElementwiseActivation
{
    const double Cubic = 0.044715;
    static readonly double SqrtTwoOverPi = Math.Sqrt(2 / Math.PI);
    static readonly Tanh Hyperbolic = new();

    public bool TanhApproximation { get; } = tanhApproximation;
    public override string Name => TanhApproximation ? "gelu_tanh" : "gelu";

    public override Tensor Forward(Tensor x)
    {
        if (TanhApproximation) return 0.5 * x * (1 + Hyperbolic.Forward(Inner(x)));
        return x * Phi(x);
    }

    public override Tensor Derivative(Tensor x)
    {
        if (TanhApproximation)
        {
            var t = Hyperbolic.Forward(Inner(x));
            var innerPrime = SqrtTwoOverPi * (1 + 3 * Cubic * x * x);
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * innerPrime;
        }
        var density = exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
        return Phi(x) + x * density;
    }

    public override Tensor Reference(Tensor x) =>
        nn.functional.gelu(x, TanhApproximation ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);

    public override nn.Module<Tensor, Tensor> ToModule() => nn.GELU(TanhApproximation ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);

    static Tensor Phi(Tensor x) => 0.5 * (1 + erf(x / Math.Sqrt(2)));
    static Tensor Inner(Tensor x) => SqrtTwoOverPi * (x + Cubic * x * x * x);
}
