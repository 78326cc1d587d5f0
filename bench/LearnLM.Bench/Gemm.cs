using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>The machine's practical limit: float32 matrix-multiply throughput on a large square GEMM.</summary>
public static class Gemm
{
    public static object Peak(int runs, int n = 2048)
    {
        using var a = randn(n, n);
        using var b = randn(n, n);
        var timing = Timing.Measure(() => { using var c = mm(a, b); }, warmup: 2, runs: runs);
        double gflops = 2.0 * n * n * n / (timing.MedianMs * 1e6);
        Console.WriteLine($"GEMM {n}×{n} float32: {timing.MedianMs:F1} ms median → {gflops:F1} GFLOP/s");
        return new { kind = "gemm", name = $"GEMM {n}x{n} float32", flops = 2.0 * n * n * n, gflops, timing };
    }
}
