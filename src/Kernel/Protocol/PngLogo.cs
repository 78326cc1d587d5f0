using System.Buffers.Binary;
using System.IO.Compression;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The kernel's logo (Jupyter's launcher shows logo-32x32.png and logo-64x64.png): a .NET-purple tile with a white
/// sharp sign, drawn and PNG-encoded here so the kernelspec needs no image files or drawing library.
/// Chapter 1 (setup).
/// </summary>
public static class PngLogo
{
    static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        // Scanlines of RGBA pixels, each led by filter byte 0 (none).
        var raw = new byte[size * (1 + 4 * size)];
        for (int y = 0; y < size; y++)
        {
            int row = y * (1 + 4 * size);
            for (int x = 0; x < size; x++)
            {
                var (r, g, b, a) = Pixel(x, y, size);
                int at = row + 1 + 4 * x;
                (raw[at], raw[at + 1], raw[at + 2], raw[at + 3]) = (r, g, b, a);
            }
        }
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;  // bits per channel
        header[9] = 6;  // colour type: RGBA
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A rounded purple square; inside, two vertical and two horizontal white bars make a '#'.</summary>
    static (byte R, byte G, byte B, byte A) Pixel(int x, int y, int size)
    {
        double u = (x + 0.5) / size, v = (y + 0.5) / size;
        const double corner = 0.18;
        double dx = Math.Max(0, Math.Abs(u - 0.5) - (0.5 - corner)), dy = Math.Max(0, Math.Abs(v - 0.5) - (0.5 - corner));
        if (dx * dx + dy * dy > corner * corner) return (0, 0, 0, 0);
        bool bar = (InBand(u, 0.38) || InBand(u, 0.62)) && v is > 0.2 and < 0.8
                || (InBand(v, 0.38) || InBand(v, 0.62)) && u is > 0.2 and < 0.8;
        return bar ? ((byte)255, (byte)255, (byte)255, (byte)255) : ((byte)0x51, (byte)0x2B, (byte)0xD4, (byte)255);
    }

    static bool InBand(double t, double centre) => Math.Abs(t - centre) < 0.06;

    static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeBytes, data));
        png.Write(word);
    }

    /// <summary>The PNG chunk CRC (ISO 3309 / zlib's CRC-32) over type and data.</summary>
    public static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var part in new[] { type.ToArray(), data.ToArray() })
            foreach (byte value in part)
            {
                crc ^= value;
                for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        return ~crc;
    }
}
