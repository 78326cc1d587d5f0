using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>
/// A from-scratch piece of the library and the TorchSharp built-in doing the same work on the same data. Each side
/// returns the tensors to compare (gradients, or updated parameters), so <see cref="Run"/> can check once, before
/// timing, that the two really compute the same thing.
/// </summary>
public sealed record ScratchCase(string Name, string Shape, Func<IList<Tensor>> Scratch, Func<IList<Tensor>> Builtin)
{
    // float32 sums of a few thousand products in a different order differ by ~1e-6 relative; 1e-3 of the largest
    // value is far above that and far below a wrong index, a missing term or a different input.
    const double Agreement = 1e-3;

    /// <summary>Checks both sides agree, then times them alternately, each call in its own dispose scope.</summary>
    public object Run(int runs)
    {
        double difference = Difference();
        if (difference > Agreement)
            throw new InvalidOperationException($"{Name}: the from-scratch and built-in results differ by {difference:G3} (relative); they are not doing the same work.");
        var (scratch, builtin) = Timing.MeasurePair(() => InScope(Scratch), () => InScope(Builtin), warmup: 3, runs: runs);
        Console.WriteLine($"{Name,-40} scratch {scratch.MedianMs,8:F3} ms   built-in {builtin.MedianMs,8:F3} ms   {scratch.MedianMs / builtin.MedianMs,5:F2}×");
        return new { kind = "scratch", name = Name, shape = Shape, max_relative_difference = difference, scratch, builtin };
    }

    static void InScope(Func<IList<Tensor>> side)
    {
        using var scope = NewDisposeScope();
        side();
    }

    // The largest |scratch − built-in| over every returned tensor, relative to the largest |built-in| value.
    double Difference()
    {
        using var scope = NewDisposeScope();
        var ours = Scratch();
        var theirs = Builtin();
        if (ours.Count != theirs.Count) throw new InvalidOperationException($"{Name}: the two sides return {ours.Count} and {theirs.Count} tensors.");
        double worst = 0;
        for (int i = 0; i < ours.Count; i++)
        {
            if (!ours[i].shape.SequenceEqual(theirs[i].shape))
                throw new InvalidOperationException($"{Name}: result {i} has shape [{string.Join(", ", ours[i].shape)}] from scratch and [{string.Join(", ", theirs[i].shape)}] built in.");
            double scale = Math.Max(theirs[i].abs().max().item<float>(), 1e-12);
            worst = Math.Max(worst, (ours[i] - theirs[i]).abs().max().item<float>() / scale);
        }
        return worst;
    }
}
