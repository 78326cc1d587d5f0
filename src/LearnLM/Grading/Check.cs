using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Grading;

/// <summary>
/// Assertions for exercise check cells: each throws <see cref="CheckFailedException"/> with a message a student
/// can act on ("softmax of large logits: expected 0.5 ± 1e-06, got NaN"). `learnlm grade` counts a check cell
/// as passed only when it runs to the end without throwing. Chapter 1 (setup) introduces exercises and checks.
/// </summary>
public static class Check
{
    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string message)
    {
        if (!condition) throw new CheckFailedException(message);
    }

    /// <summary>Fails unless |<paramref name="actual"/> − <paramref name="expected"/>| ≤ <paramref name="tolerance"/> (NaN never passes).</summary>
    public static void Close(double actual, double expected, double tolerance, string? what = null)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new CheckFailedException($"{Prefix(what)}expected {Format(expected)} ± {Format(tolerance)}, got {Format(actual)}.");
    }

    /// <summary>
    /// Fails unless the tensors have the same shape and every element of <paramref name="actual"/> is within
    /// <paramref name="tolerance"/> of <paramref name="expected"/> (NaN never passes). Compared in float64.
    /// </summary>
    public static void Close(Tensor actual, Tensor expected, double tolerance, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (!actual.shape.SequenceEqual(expected.shape))
            throw new CheckFailedException($"{Prefix(what)}expected shape {Shape(expected)}, got {Shape(actual)}.");
        using var scope = torch.NewDisposeScope();
        var difference = (actual.to(ScalarType.Float64).cpu() - expected.to(ScalarType.Float64).cpu()).abs();
        if (difference.numel() == 0) return;
        if (difference.isnan().any().item<bool>())
            throw new CheckFailedException($"{Prefix(what)}the result contains NaN (expected values within {Format(tolerance)} of the reference).");
        double worst = difference.max().item<double>();
        if (!(worst <= tolerance))
            throw new CheckFailedException($"{Prefix(what)}largest difference from the reference is {Format(worst)}, more than the tolerance {Format(tolerance)}.");
    }

    /// <summary>Fails unless <paramref name="actual"/> equals <paramref name="expected"/> (<see cref="EqualityComparer{T}.Default"/>).</summary>
    public static void Equal<T>(T expected, T actual, string? what = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailedException($"{Prefix(what)}expected {Describe(expected)}, got {Describe(actual)}.");
    }

    /// <summary>Fails unless <paramref name="action"/> throws a <typeparamref name="TException"/> (or a subclass).</summary>
    public static void Throws<TException>(Action action, string? what = null) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        try { action(); }
        catch (TException) { return; }
        catch (Exception e)
        { throw new CheckFailedException($"{Prefix(what)}expected {typeof(TException).Name}, but {e.GetType().Name} was thrown: {e.Message}"); }
        throw new CheckFailedException($"{Prefix(what)}expected {typeof(TException).Name}, but nothing was thrown.");
    }

    static string Prefix(string? what) => string.IsNullOrWhiteSpace(what) ? "" : what + ": ";

    static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    static string Shape(Tensor tensor) => "(" + string.Join(", ", tensor.shape) + ")";

    static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
