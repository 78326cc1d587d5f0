using System.Buffers.Binary;
using System.IO.Compression;
using LearnLM.Data;
using LearnLM.Data.Download;
using LearnLM.Data.Loaders;
using TorchSharp;

namespace LearnLM.Tests.Data;

public sealed class ImageLoaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-images-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);


    static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    [Fact]
    public void An_mnist_layout_folder_loads_as_N_1_28_28_bytes_with_int64_labels()
    {
        var pixels = Enumerable.Range(0, 3 * 28 * 28).Select(i => (byte)(i % 251)).ToArray();
        WriteGzip(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), IdxBytes.Of([3, 28, 28], pixels));
        WriteGzip(Path.Combine(_dir, "train-labels-idx1-ubyte.gz"), IdxBytes.Of([3], [7, 0, 9]));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), IdxBytes.Of([1, 28, 28], pixels[..784])); // uncompressed works too
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), IdxBytes.Of([1], [4]));
        using var data = Mnist.LoadFolder(_dir, FashionMnist.ClassNames);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, data.Train.Images.shape);
        Assert.Equal(torch.ScalarType.Int64, data.Train.Labels.dtype);
        Assert.Equal([7L, 0, 9], data.Train.Labels.data<long>().ToArray());
        Assert.Equal(pixels[2 * 784 + 5 * 28 + 6], data.Train.Images[2, 0, 5, 6].item<byte>());
        Assert.Equal(1, data.Test.Count);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_refused()
    {
        WriteGzip(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), IdxBytes.Of([2, 28, 28], new byte[2 * 784]));
        WriteGzip(Path.Combine(_dir, "train-labels-idx1-ubyte.gz"), IdxBytes.Of([3], [1, 2, 3]));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadSplit(_dir, "train"));
        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message);
    }

    [Fact]
    public void A_damaged_gzip_is_refused_naming_the_file()
    {
        string path = Path.Combine(_dir, "x.gz");
        WriteGzip(path, IdxBytes.Of([100], new byte[100]));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.ThrowsAny<Exception>(() => IdxFile.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void The_full_fashion_mnist_is_found_in_debians_folder_with_60000_and_10000_images()
    {
        if (!Directory.Exists("/usr/share/datasets/fashion-mnist")) Assert.Skip("Debian's dataset-fashion-mnist is not installed.");
        var store = new DatasetStore(DatasetCatalog.Load(Path.Combine(Common.SharedData.RepoRoot, "datasets", "manifests")),
            new DataLocations(Path.Combine(_dir, "cache"), ["/usr/share/datasets"]));
        using var data = FashionMnist.Load(allowSample: false, store);
        Assert.Contains("/usr/share/datasets/fashion-mnist", data.Source);
        Assert.Equal(new long[] { 60_000, 1, 28, 28 }, data.Train.Images.shape);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, data.Test.Images.shape);
        // Fashion-MNIST is balanced: 6,000 training images per class.
        Assert.All(data.Train.Labels.bincount(null).data<long>().ToArray(), n => Assert.Equal(6_000, n));
    }

    [Fact]
    public void Without_the_full_set_the_embedded_sample_is_used_and_named()
    {
        var store = new DatasetStore(DatasetCatalog.Load(Path.Combine(Common.SharedData.RepoRoot, "datasets", "manifests")),
            new DataLocations(Path.Combine(_dir, "cache"), []));
        using var data = FashionMnist.Load(allowSample: true, store);
        Assert.Contains("embedded sample", data.Source);
        Assert.Equal(6_000, data.Train.Count);
        Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Locate(allowSample: false, store));
    }

    // CIFAR-10 binary: 1 label byte, then 1024 red, 1024 green, 1024 blue bytes, each plane row-major 32×32.
    static byte[] CifarRecord(byte label, Func<int, int, int, byte> pixel)
    {
        var record = new byte[3073];
        record[0] = label;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                    record[1 + c * 1024 + y * 32 + x] = pixel(c, y, x);
        return record;
    }

    [Fact]
    public void Cifar_batches_read_as_colour_planes_with_their_labels_and_class_names()
    {
        static byte Pixel(int c, int y, int x) => (byte)(c * 80 + (y + x) % 50);
        for (int i = 1; i <= 5; i++)
            File.WriteAllBytes(Path.Combine(_dir, $"data_batch_{i}.bin"), [.. CifarRecord((byte)i, Pixel), .. CifarRecord(0, (_, _, _) => 255)]);
        File.WriteAllBytes(Path.Combine(_dir, "test_batch.bin"), CifarRecord(9, Pixel));
        File.WriteAllText(Path.Combine(_dir, "batches.meta.txt"), "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        using var data = Cifar10.Load(_dir);
        Assert.Equal(new long[] { 10, 3, 32, 32 }, data.Train.Images.shape);
        Assert.Equal([1L, 0, 2, 0, 3, 0, 4, 0, 5, 0], data.Train.Labels.data<long>().ToArray());
        Assert.Equal(Pixel(2, 31, 4), data.Test.Images[0, 2, 31, 4].item<byte>());
        Assert.Equal(Pixel(1, 3, 17), data.Train.Images[0, 1, 3, 17].item<byte>());
        Assert.Equal("truck", data.ClassNames[9]);
    }

    [Fact]
    public void A_truncated_cifar_batch_is_refused_naming_the_file_and_the_record_size()
    {
        string path = Path.Combine(_dir, "data_batch_1.bin");
        File.WriteAllBytes(path, CifarRecord(3, (_, _, _) => 1)[..3000]);
        var error = Assert.Throws<InvalidDataException>(() => Cifar10.ReadBatch(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("3,073", error.Message);
    }
}
