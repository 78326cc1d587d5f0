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

    /// <summary>Reads the shape and the values; the values are read straight into one array of the promised size.</summary>
    public static (int[] Shape, byte[] Values) Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream input = gzip ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 20) : file;
        try { return Read(input, path); }
        catch (InvalidDataException e) when (gzip && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is a damaged gzip file ({e.Message}). Delete it and download it again.", e);
        }
    }

    static (int[] Shape, byte[] Values) Read(Stream input, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        if (ReadFully(input, magic) < 4 || magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException($"{path} is not an IDX file: it must start with two zero bytes.");
        if (magic[2] != UnsignedByte)
            throw new InvalidDataException($"{path} holds IDX type 0x{magic[2]:x2}; only unsigned bytes (0x08) are supported.");
        int rank = magic[3];
        var dims = new byte[4 * rank];
        if (ReadFully(input, dims) < dims.Length) throw new InvalidDataException($"{path} is truncated inside its IDX header.");
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dims.AsSpan(4 * i));
            if (shape[i] < 0) throw new InvalidDataException($"{path} is corrupt: dimension {i} of its IDX header is negative.");
            count *= shape[i];
        }
        if (count > Array.MaxLength)
            throw new InvalidDataException($"{path} is corrupt: its header promises {count:N0} values, more than one array can hold.");
        var values = new byte[count];
        int read = ReadFully(input, values);
        long extra = read == count ? CountRemaining(input) : 0;
        if (read != count || extra > 0)
            throw new InvalidDataException(
                $"{path} is truncated or corrupt: its header promises {count:N0} values of shape [{string.Join(", ", shape)}], " +
                $"but {read + extra:N0} bytes follow. Delete it and download it again.");
        return (shape, values);
    }

    static int ReadFully(Stream input, Span<byte> buffer)
    {
        int total = 0, read;
        while (total < buffer.Length && (read = input.Read(buffer[total..])) > 0) total += read;
        return total;
    }

    static long CountRemaining(Stream input)
    {
        Span<byte> sink = stackalloc byte[4096];
        long total = 0; int read;
        while ((read = input.Read(sink)) > 0) total += read;
        return total;
    }
}
