using System.Globalization;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>Argument checks shared by the magics; every failure is a <see cref="MagicUsageException"/> that ends with the usage.</summary>
static class MagicArguments
{
    public static MagicUsageException Usage(IMagic magic, string problem) =>
        new($"#!{magic.Name}: {problem}\n\n{magic.Help.TrimEnd()}");

    public static void Count(IMagic magic, IReadOnlyList<string> args, int min, int max)
    {
        if (args.Count < min)
            throw Usage(magic, min == 1 && max == 1 ? "expected one argument." : $"expected at least {min} argument(s), got {args.Count}.");
        if (args.Count > max)
            throw Usage(magic, max == 0 ? $"takes no arguments, got '{string.Join(' ', args)}'."
                                        : $"expected at most {max} argument(s), got {args.Count}: '{string.Join(' ', args)}'.");
    }

    public static long Integer(IMagic magic, string text, string what, long min, long max = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            throw Usage(magic, $"{what} must be a whole number, got '{text}'.");
        if (value < min || value > max)
            throw Usage(magic, max == long.MaxValue ? $"{what} must be at least {min}, got {value}." : $"{what} must be between {min} and {max}, got {value}.");
        return value;
    }

    /// <summary>A byte count in the unit a person reads: 1.5 GB, 12.0 MB, 512 B.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        int unit = 0;
        for (; Math.Abs(bytes) >= 1024 && unit < units.Length - 1; unit++) bytes /= 1024;
        return unit == 0 ? $"{bytes:0} B" : bytes.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
