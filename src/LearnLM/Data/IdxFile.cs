using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace LearnLM.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (chapter 7): two zero bytes, a type code (0x08 = unsigned byte),
/// the number of dimensions, each dimension as a big-endian 32-bit integer, then the values row-major.
/// Files may be gzip-compressed, as they are distributed.
/// </summary>
public static class IdxFile
{
    const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX file of unsigned bytes into a uint8 tensor of its stored shape.</summary>
    public static Tensor ReadTensor(string path)
    {
        var (shape, values) = Read(path);
        return tensor(values, shape.Select(d => (long)d).ToArray(), ScalarType.Byte);
    }

    public static (int[] Shape, byte[] Values) Read(string path)
    {
        byte[] bytes = ReadMaybeGzip(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{path} is not an IDX file: it must start with two zero bytes.");
        if (bytes[2] != UnsignedByte)
            throw new InvalidDataException($"{path} holds IDX type 0x{bytes[2]:x2}; only unsigned bytes (0x08) are supported.");
        int rank = bytes[3];
        int header = 4 + 4 * rank;
        if (bytes.Length < header) throw new InvalidDataException($"{path} is truncated inside its IDX header.");
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            count *= shape[i];
        }
        if (bytes.Length - header != count)
            throw new InvalidDataException(
                $"{path} is truncated or corrupt: its header promises {count:N0} values of shape [{string.Join(", ", shape)}], " +
                $"but {bytes.Length - header:N0} bytes follow. Delete it and download it again.");
        return (shape, bytes[header..]);
    }

    static byte[] ReadMaybeGzip(string path)
    {
        using var file = File.OpenRead(path);
        bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using var memory = new MemoryStream();
        try
        {
            if (gzip) { using var unzip = new GZipStream(file, CompressionMode.Decompress); unzip.CopyTo(memory); }
            else file.CopyTo(memory);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path} is a damaged gzip file ({e.Message}). Delete it and download it again.", e);
        }
        return memory.ToArray();
    }
}
