using SkiaSharp;

namespace LearnLM.Kernel.Extensions.Imaging;

/// <summary>
/// Encodes pixels as PNG with SkiaSharp (chapter 1 shows tensors as pictures; chapter 8 shows image batches).
/// Pixels are row-major RGB bytes, three per pixel.
/// </summary>
public static class Png
{
    /// <summary>Encodes a <paramref name="width"/>×<paramref name="height"/> RGB image (3 bytes a pixel, row-major).</summary>
    public static byte[] EncodeRgb(byte[] rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width}×{height}×3 = {width * height * 3} bytes of RGB, got {rgb.Length}.", nameof(rgb));

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Width and height from a PNG's IHDR chunk, which always comes first (PNG spec §11.2.2).</summary>
    public static (int Width, int Height) ReadSize(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new FormatException("Not a PNG: the signature or the IHDR chunk is missing.");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)),
                System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
