using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>Root-mean-square error √(Σ(ŷ − y)² / n) over every entry of the epoch (chapter 2; the recommenders of chapter 12 report it).</summary>
public sealed class Rmse : IMetric
{
    double _sumOfSquares;
    long _count;

    public string Name => "rmse";

    public void Reset() { _sumOfSquares = 0; _count = 0; }

    public void Update(Tensor yHat, Tensor y)
    {
        using var scope = NewDisposeScope();
        var error = yHat.to(ScalarType.Float64) - y.to(ScalarType.Float64).reshape(yHat.shape);
        _sumOfSquares += error.pow(2).sum().ToDouble();
        _count += error.numel();
    }

    public double Compute() => _count == 0 ? double.NaN : Math.Sqrt(_sumOfSquares / _count);
}
