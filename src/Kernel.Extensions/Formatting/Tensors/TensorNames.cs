using TorchSharp;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>PyTorch's names for dtypes, and shapes written the way PyTorch prints them.</summary>
static class TensorNames
{
    public static string DType(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Byte => "uint8",
        torch.ScalarType.ComplexFloat32 => "complex64",
        torch.ScalarType.ComplexFloat64 => "complex128",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    public static bool IsFloating(torch.ScalarType type) => type is torch.ScalarType.Float16 or torch.ScalarType.BFloat16
        or torch.ScalarType.Float32 or torch.ScalarType.Float64;

    public static bool IsComplex(torch.ScalarType type) => type is torch.ScalarType.ComplexFloat32 or torch.ScalarType.ComplexFloat64;
}
