using LearnLM.Grading;
using TorchSharp;

namespace LearnLM.Tests.Grading;

public sealed class CheckTests
{
    [Fact]
    public void That_passes_silently_and_fails_with_the_message()
    {
        Check.That(true, "never shown");
        Assert.Equal("Sigmoid keeps the dtype", Assert.Throws<CheckFailedException>(() => Check.That(false, "Sigmoid keeps the dtype")).Message);
    }

    [Fact]
    public void Close_numbers_names_expected_tolerance_and_actual()
    {
        Check.Close(0.5 + 1e-9, 0.5, 1e-8);
        var error = Assert.Throws<CheckFailedException>(() => Check.Close(0.75, 0.5, 1e-6, "sigmoid(0)"));
        Assert.Equal("sigmoid(0): expected 0.5 ± 1E-06, got 0.75.", error.Message);
        Assert.Throws<CheckFailedException>(() => Check.Close(double.NaN, 0.5, 1e-6)); // NaN is never close
    }

    [Fact]
    public void Close_tensors_checks_shape_then_the_largest_difference()
    {
        using var expected = torch.tensor(new double[] { 0.1, 0.2, 0.3 });
        using var nearby = expected + 1e-9;
        Check.Close(nearby, expected, 1e-8);
        using var far = torch.tensor(new double[] { 0.1, 0.25, 0.3 });
        Assert.Contains("largest difference from the reference is 0.05", Assert.Throws<CheckFailedException>(() => Check.Close(far, expected, 1e-3)).Message);
        using var reshaped = expected.reshape(3, 1);
        Assert.Contains("expected shape (3), got (3, 1)", Assert.Throws<CheckFailedException>(() => Check.Close(reshaped, expected, 1)).Message);
        using var overflowed = torch.tensor(new double[] { double.NaN, 0.2, 0.3 });
        Assert.Contains("NaN", Assert.Throws<CheckFailedException>(() => Check.Close(overflowed, expected, 1)).Message);
        using var single = torch.tensor(new float[] { 0.1f, 0.2f, 0.3f });
        Check.Close(single, expected, 1e-7); // float32 rounding of 0.1-0.3 is below 1e-8; compared in float64
    }

    [Fact]
    public void Equal_and_Throws_describe_what_happened()
    {
        Check.Equal(6, 3 * 2);
        Assert.Equal("Twice(3): expected 6, got 7.", Assert.Throws<CheckFailedException>(() => Check.Equal(6, 7, "Twice(3)")).Message);
        Check.Throws<ArgumentException>(() => throw new ArgumentOutOfRangeException("n"));
        Assert.Contains("nothing was thrown", Assert.Throws<CheckFailedException>(() => Check.Throws<ArgumentException>(() => { })).Message);
        Assert.Contains("InvalidOperationException was thrown", Assert.Throws<CheckFailedException>(() => Check.Throws<ArgumentException>(() => throw new InvalidOperationException("x"))).Message);
    }
}
