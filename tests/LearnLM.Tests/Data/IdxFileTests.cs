using System.Buffers.Binary;
using System.IO.Compression;
using LearnLM.Data;
using TorchSharp;

namespace LearnLM.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-idx-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);


    string Write(string name, byte[] bytes, bool gzip)
    {
        string path = Path.Combine(_dir, name);
        if (!gzip) { File.WriteAllBytes(path, bytes); return path; }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_read_back_in_shape_and_order(bool gzip)
    {
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        using var images = IdxFile.ReadTensor(Write("images", IdxBytes.Of([2, 3, 4], values), gzip));
        Assert.Equal(new long[] { 2, 3, 4 }, images.shape);
        Assert.Equal(torch.ScalarType.Byte, images.dtype);
        Assert.Equal(values[1 * 12 + 2 * 4 + 3], images[1, 2, 3].item<byte>());
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_the_file_and_the_counts()
    {
        var bytes = IdxBytes.Of([10], new byte[10]);
        string path = Write("labels", bytes[..^3], gzip: false);
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("10 values", error.Message);
        Assert.Contains("7 bytes", error.Message);
    }

    [Fact]
    public void The_embedded_sample_has_the_documented_sizes()
    {
        string dir = Samples.Locate("fashion-mnist-small");
        Assert.Equal([6000, 28, 28], IdxFile.Read(Path.Combine(dir, "train-images-idx3-ubyte.gz")).Shape);
        Assert.Equal([1000], IdxFile.Read(Path.Combine(dir, "t10k-labels-idx1-ubyte.gz")).Shape);
    }
}
