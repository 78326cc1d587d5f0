using System.Globalization;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>
/// Chooses one format for all shown values, as PyTorch's <c>_Formatter</c> does: integers as integers, integral
/// floats as <c>3.</c>, scientific notation when the values span more than three decades or leave [1e-4, 1e8],
/// fixed-point otherwise; every entry padded to the widest so columns line up.
/// </summary>
sealed class ValueFormat
{
    readonly Func<double, string> _format;

    public int Width { get; }

    ValueFormat(Func<double, string> format, IEnumerable<double> values)
    {
        _format = format;
        Width = values.Select(v => format(v).Length).DefaultIfEmpty(1).Max();
    }

    public string Format(double value) => _format(value).PadLeft(Width);

    public static ValueFormat For(ScalarType dtype, IReadOnlyCollection<double> values, int precision)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (dtype == ScalarType.Bool) return new(v => v != 0 ? "True" : "False", values);
        if (!TensorNames.IsFloating(dtype)) return new(v => ((long)v).ToString(invariant), values);

        var finite = values.Where(double.IsFinite).Select(Math.Abs).Where(v => v != 0).ToList();
        double maxAbs = finite.DefaultIfEmpty(0).Max(), minAbs = finite.DefaultIfEmpty(0).Min();
        bool integral = values.Where(double.IsFinite).All(v => v == Math.Floor(v));
        string scientific = "0." + new string('0', precision) + "e+00";
        bool wide = maxAbs > 1e8 || (minAbs > 0 && maxAbs / minAbs > 1000);
        Func<double, string> number =
            wide || (!integral && minAbs > 0 && minAbs < 1e-4) ? v => v.ToString(scientific, invariant)
            : integral ? v => v.ToString("0", invariant) + "."
            : v => v.ToString("F" + precision, invariant);
        return new(v => double.IsNaN(v) ? "nan" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : number(v), values);
    }
}
