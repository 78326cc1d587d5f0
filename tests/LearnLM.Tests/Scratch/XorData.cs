using static TorchSharp.torch;

namespace LearnLM.Tests.Scratch;

/// <summary>The four XOR points and their labels, float64.</summary>
static class XorData
{
    public static Tensor Inputs() => tensor(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    public static Tensor Labels() => tensor(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
}
