using static TorchSharp.torch;

namespace LearnLM.Data.Loaders;

/// <summary>
/// CIFAR-10's binary version (chapter 8): <c>data_batch_1..5.bin</c> and <c>test_batch.bin</c>, each a run of
/// 3,073-byte records — one label byte (0–9), then the 32×32 red plane, green plane and blue plane, row-major —
/// and <c>batches.meta.txt</c>, one class name per line.
/// </summary>
public static class Cifar10
{
    public const int Side = 32;
    const int Pixels = 3 * Side * Side;
    const int RecordSize = 1 + Pixels;

    /// <summary>Reads one batch file: images uint8 (N, 3, 32, 32), labels int64 (N).</summary>
    public static ImageSplit ReadBatch(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
            throw new InvalidDataException(
                $"{path} is {bytes.Length:N0} bytes, not a whole number of 3,073-byte CIFAR-10 records (a batch of 10,000 is 30,730,000): " +
                "it is truncated or not a CIFAR-10 binary batch. Delete it and run `learnlm data fetch cifar-10`.");
        int count = bytes.Length / RecordSize;
        var pixels = new byte[(long)count * Pixels];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            int record = i * RecordSize;
            if (bytes[record] > 9)
                throw new InvalidDataException($"{path}: record {i} has label {bytes[record]}; CIFAR-10 labels are 0–9. The file is corrupt.");
            labels[i] = bytes[record];
            Buffer.BlockCopy(bytes, record + 1, pixels, i * Pixels, Pixels);
        }
        return new ImageSplit(tensor(pixels, [count, 3, Side, Side], ScalarType.Byte), tensor(labels, [count]));
    }

    /// <summary>The class names of <c>batches.meta.txt</c> (blank lines dropped).</summary>
    public static IReadOnlyList<string> ReadClassNames(string path)
    {
        var names = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (names.Count != 10) throw new InvalidDataException($"{path} names {names.Count} classes; CIFAR-10 has 10.");
        return names;
    }

    /// <summary>The five training batches (50,000 images) and the test batch (10,000) of a <c>cifar-10-batches-bin</c> folder.</summary>
    public static ImageDataset Load(string folder)
    {
        var train = Enumerable.Range(1, 5).Select(i => ReadBatch(Path.Combine(folder, $"data_batch_{i}.bin"))).ToList();
        try
        {
            var merged = new ImageSplit(cat(train.Select(s => s.Images).ToArray(), 0), cat(train.Select(s => s.Labels).ToArray(), 0));
            return new ImageDataset(merged, ReadBatch(Path.Combine(folder, "test_batch.bin")),
                ReadClassNames(Path.Combine(folder, "batches.meta.txt")), folder);
        }
        finally { foreach (var split in train) split.Dispose(); }
    }
}
