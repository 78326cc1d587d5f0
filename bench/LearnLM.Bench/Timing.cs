using System.Diagnostics;

namespace LearnLM.Bench;

/// <summary>Median, min and max of repeated runs, in milliseconds.</summary>
public sealed record Timing(double MedianMs, double MinMs, double MaxMs, int Runs)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times unmeasured, then <paramref name="runs"/> times measured.</summary>
    public static Timing Measure(Action action, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) action();
        var samples = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        double median = runs % 2 == 1 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
        return new Timing(median, samples[0], samples[^1], runs);
    }
}
