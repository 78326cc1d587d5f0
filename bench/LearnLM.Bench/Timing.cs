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
        for (int i = 0; i < runs; i++) samples[i] = Time(action);
        return Of(samples);
    }

    /// <summary>
    /// Times two actions doing the same work alternately, run by run, so that load from other processes falls on
    /// both alike and their ratio stays meaningful on a busy machine.
    /// </summary>
    public static (Timing First, Timing Second) MeasurePair(Action first, Action second, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) { first(); second(); }
        var firstSamples = new double[runs];
        var secondSamples = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            firstSamples[i] = Time(first);
            secondSamples[i] = Time(second);
        }
        return (Of(firstSamples), Of(secondSamples));
    }

    static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    static Timing Of(double[] samples)
    {
        Array.Sort(samples);
        int runs = samples.Length;
        double median = runs % 2 == 1 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
        return new Timing(median, samples[0], samples[^1], runs);
    }
}
