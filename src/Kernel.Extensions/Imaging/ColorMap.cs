namespace LearnLM.Kernel.Extensions.Imaging;

/// <summary>Viridis, the perceptually uniform colour map matplotlib uses by default, from nine of its stops.</summary>
static class ColorMap
{
    static readonly (byte R, byte G, byte B)[] Stops =
    [
        (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
        (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
    ];

    /// <summary>The colour for <paramref name="t"/> in [0, 1]; NaN is grey so missing values stand out.</summary>
    public static (byte R, byte G, byte B) Viridis(double t)
    {
        if (double.IsNaN(t)) return (128, 128, 128);
        t = Math.Clamp(t, 0, 1) * (Stops.Length - 1);
        int i = Math.Min((int)t, Stops.Length - 2);
        double f = t - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return ((byte)(a.R + (b.R - a.R) * f), (byte)(a.G + (b.G - a.G) * f), (byte)(a.B + (b.B - a.B) * f));
    }
}
