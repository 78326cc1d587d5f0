using System.Buffers.Binary;

namespace LearnLM.Tests.Data;

/// <summary>Unsigned-byte IDX files as distributed: 0x00 0x00, type 0x08, rank, big-endian dimensions, row-major values.</summary>
static class IdxBytes
{
    public static byte[] Of(int[] shape, byte[] values)
    {
        var bytes = new byte[4 + 4 * shape.Length + values.Length];
        bytes[2] = 0x08; bytes[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        values.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }
}
