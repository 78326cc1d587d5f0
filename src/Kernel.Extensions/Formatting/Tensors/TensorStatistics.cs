using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// Summary statistics of a tensor, computed where it lives with reductions, so a GPU tensor is never copied to the
/// CPU to be described (chapter 1). Min, max, mean and std are over the finite values; NaN and Inf are counted.
/// </summary>
public sealed record TensorStatistics(long Count, double Min, double Max, double Mean, double Std, long NaNCount, long InfCount)
{
    /// <summary>Null for empty, boolean and complex tensors, which have no meaningful order or spread.</summary>
    public static TensorStatistics? Compute(Tensor tensor)
    {
        var type = tensor.dtype;
        if (tensor.numel() == 0 || type == ScalarType.Bool || TensorNames.IsComplex(type)) return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // min and max propagate NaN and Inf, so when both are finite there is nothing to count or mask — the common
        // case costs two reductions (aminmax, std_mean) and no copies.
        var (minTensor, maxTensor) = tensor.aminmax();
        double min = Scalar(minTensor), max = Scalar(maxTensor);
        long nan = 0, inf = 0;
        var finite = tensor;
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            // count_nonzero, not sum: summing booleans promotes them to int64, an 8-byte copy of every element.
            nan = isnan(tensor).count_nonzero().item<long>();
            inf = isinf(tensor).count_nonzero().item<long>();
            finite = tensor.masked_select(isfinite(tensor));   // on the tensor's own device
            if (finite.numel() == 0) return new(tensor.numel(), double.NaN, double.NaN, double.NaN, double.NaN, nan, inf);
            (minTensor, maxTensor) = finite.aminmax();
            (min, max) = (Scalar(minTensor), Scalar(maxTensor));
        }

        // Integer tensors have no mean or std kernels; float64 keeps their sums exact up to 2^53.
        var values = TensorNames.IsFloating(type) ? finite : finite.to_type(ScalarType.Float64);
        double mean, std = double.NaN;
        if (finite.numel() > 1)
        {
            var (stdTensor, meanTensor) = std_mean(values);
            (mean, std) = (Scalar(meanTensor), Scalar(stdTensor));
        }
        else mean = Scalar(values.mean());
        return new(tensor.numel(), min, max, mean, std, nan, inf);
    }

    /// <summary>A 0-d tensor's value; float16 and bfloat16 have no direct <c>item&lt;double&gt;</c>.</summary>
    static double Scalar(Tensor value) => value.to_type(ScalarType.Float64).item<double>();
}
