using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// The part of a tensor that gets printed: the whole of a small one, only the edges of a large one (PyTorch's
/// summarisation). Only those slices are copied to the CPU, so previewing a huge tensor costs almost nothing.
/// </summary>
/// <param name="Shape">The original tensor's shape.</param>
/// <param name="Elided">Per dimension: true when only <c>EdgeItems</c> at each end are kept.</param>
/// <param name="Indices">Per dimension: the original indices of the kept items.</param>
/// <param name="Values">The kept values in row-major order, as doubles (booleans are 0 and 1).</param>
sealed record TensorPreview(long[] Shape, bool[] Elided, long[][] Indices, double[] Values, ScalarType DType)
{
    public int Rank => Shape.Length;

    public static TensorPreview Take(Tensor source, TensorPrintOptions options)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long[] shape = source.shape;
        bool summarise = source.numel() > options.Threshold;
        var elided = new bool[shape.Length];
        var indices = new long[shape.Length][];
        var part = source;
        for (int d = 0; d < shape.Length; d++)
        {
            long n = shape[d];
            if (summarise && n > 2 * options.EdgeItems)
            {
                elided[d] = true;
                indices[d] = [.. Enumerable.Range(0, options.EdgeItems).Select(i => (long)i),
                              .. Enumerable.Range(0, options.EdgeItems).Select(i => n - options.EdgeItems + i)];
                part = part.index_select(d, tensor(indices[d], device: source.device));
            }
            else indices[d] = [.. Enumerable.Range(0, (int)n).Select(i => (long)i)];
        }
        var values = part.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return new(shape, elided, indices, values, source.dtype);
    }
}
