using LearnLM.Data.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Data;

public sealed class BatchingTests
{
    static (Tensor X, Tensor Y) Rows(int n) => (arange(n, dtype: ScalarType.Float32).unsqueeze(1).repeat(1, 3), arange(n, dtype: ScalarType.Int64));

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    static List<long[]> Epoch(IEnumerable<(Tensor Input, Tensor Target)> loader)
    {
        var epoch = new List<long[]>();
        foreach (var (input, target) in loader)
        {
            // Each row's input carries its own index, so inputs and targets must stay paired.
            Assert.Equal(target.data<long>().ToArray(), input[.., 0].to(ScalarType.Int64).data<long>().ToArray());
            epoch.Add(target.data<long>().ToArray());
            input.Dispose(); target.Dispose();
        }
        return epoch;
    }

    [Fact]
    public void An_epoch_visits_every_row_once_in_order_with_a_short_last_batch()
    {
        var (x, y) = Rows(10);
        var loader = new DataLoader(x, y, batchSize: 4, device: CPU);
        var epoch = Epoch(loader);
        Assert.Equal([4, 4, 2], epoch.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), epoch.SelectMany(b => b));
        Assert.Equal(3, loader.Count);
        Assert.Equal(10, loader.Rows);
    }

    [Fact]
    public void Shuffling_is_a_permutation_repeatable_by_seed_and_new_each_epoch_and_drop_last_drops()
    {
        var (x, y) = Rows(50);
        var first = new DataLoader(x, y, 8, shuffle: true, seed: 3, dropLast: true, device: CPU);
        var again = new DataLoader(x, y, 8, shuffle: true, seed: 3, dropLast: true, device: CPU);
        var epoch1 = Epoch(first);
        Assert.Equal(6, epoch1.Count);
        Assert.All(epoch1, b => Assert.Equal(8, b.Length));
        Assert.Equal(48, epoch1.SelectMany(b => b).Distinct().Count());
        Assert.NotEqual(Enumerable.Range(0, 48).Select(i => (long)i), epoch1.SelectMany(b => b));
        Assert.Equal(epoch1, Epoch(again));
        Assert.NotEqual(epoch1, Epoch(first)); // epoch 2 is shuffled differently
    }

    [Fact]
    public void Mismatched_rows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DataLoader(zeros(5, 2), zeros(4), 2));
    }

    [Fact]
    public void Normalisation_uses_each_channels_own_mean_and_std()
    {
        using var images = rand(6, 3, 4, 5, dtype: ScalarType.Float64);
        var (mean, std) = ImageTransforms.ChannelStats(images);
        for (int c = 0; c < 3; c++)
        {
            var values = images[.., c].flatten().data<double>().ToArray();
            double m = values.Average();
            Assert.Equal(m, mean[c], 12);
            Assert.Equal(Math.Sqrt(values.Select(v => (v - m) * (v - m)).Average()), std[c], 12);
        }
        using var normalised = ImageTransforms.Normalize(images, mean, std);
        var (after, afterStd) = ImageTransforms.ChannelStats(normalised);
        Assert.All(after, m => Assert.Equal(0, m, 10));
        Assert.All(afterStd, s => Assert.Equal(1, s, 10));
    }

    [Fact]
    public void A_random_crop_is_a_window_of_the_zero_padded_image_and_flips_mirror()
    {
        using var images = arange(2 * 3 * 6 * 6, dtype: ScalarType.Float32).reshape(2, 3, 6, 6).add(1);
        using var crops = ImageTransforms.RandomCrop(images, padding: 2, new Random(1));
        Assert.Equal(images.shape, crops.shape);
        using var padded = nn.functional.pad(images, [2, 2, 2, 2]);
        for (int i = 0; i < 2; i++)
        {
            bool found = false;
            for (int dy = 0; dy <= 4 && !found; dy++)
                for (int dx = 0; dx <= 4 && !found; dx++)
                    found = Same(padded[i].narrow(1, dy, 6).narrow(2, dx, 6), crops[i]);
            Assert.True(found, $"crop {i} is not a 6×6 window of its padded image");
        }
        using var always = ImageTransforms.RandomHorizontalFlip(images, new Random(0), probability: 1);
        Assert.True(Same(always, images.flip(3)));
        using var never = ImageTransforms.RandomHorizontalFlip(images, new Random(0), probability: 0);
        Assert.True(Same(never, images));
    }

    [Fact]
    public void Padding_fills_on_the_right_and_masks_real_tokens()
    {
        var (ids, mask) = SequencePadding.Pad([[5, 6, 7], [8]], padId: 0, device: CPU);
        Assert.Equal([5L, 6, 7, 8, 0, 0], ids.data<long>().ToArray());
        Assert.Equal([true, true, true, true, false, false], mask.data<bool>().ToArray());
        var (cut, _) = SequencePadding.Pad([[1, 2, 3, 4]], maxLength: 2, device: CPU);
        Assert.Equal([1L, 2], cut.data<long>().ToArray());
    }

    [Fact]
    public void Sequence_batches_pad_to_their_own_longest_and_keep_labels_with_sequences()
    {
        // Label = length, so the mask's row sums must equal the targets whatever the shuffle.
        var sequences = Enumerable.Range(1, 9).Select(n => Enumerable.Repeat(7, n).ToArray()).ToList();
        var loader = new SequenceDataLoader(sequences, sequences.Select(s => (long)s.Length).ToList(), batchSize: 4, shuffle: true, seed: 1, device: CPU);
        int seen = 0;
        foreach (var (input, target) in loader)
        {
            using var lengths = SequencePadding.Mask(input, loader.PadId).sum(1);
            Assert.Equal(target.data<long>().ToArray(), lengths.data<long>().ToArray());
            Assert.Equal(target.max().item<long>(), input.shape[1]);
            seen += (int)target.shape[0];
        }
        Assert.Equal(9, seen);
    }

    [Fact]
    public void Splits_partition_the_rows_reproducibly()
    {
        var (train, validation, test) = DataSplits.Indices(100, 0.2, 0.1, seed: 5);
        Assert.Equal((70, 20, 10), (train.Length, validation.Length, test.Length));
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(validation).Concat(test).Order());
        Assert.Equal(train, DataSplits.Indices(100, 0.2, 0.1, seed: 5).Train);
        var (x, y) = Rows(20);
        var parts = DataSplits.Split(x, y, 0.25);
        Assert.Equal(15, parts.Train.X.shape[0]);
        Assert.True(Same(parts.Validation.X[.., 0].to(ScalarType.Int64), parts.Validation.Y));
    }

    [Fact]
    public void Text_windows_pair_each_window_with_the_next_tokens()
    {
        var (input, target) = TextWindows.Create([10, 11, 12, 13, 14, 15, 16], blockSize: 3);
        Assert.Equal([10L, 11, 12, 13, 14, 15], input.data<long>().ToArray());
        Assert.Equal([11L, 12, 13, 14, 15, 16], target.data<long>().ToArray());
        var (overlapping, _) = TextWindows.Create([1, 2, 3, 4, 5], blockSize: 2, stride: 1);
        Assert.Equal(new long[] { 3, 2 }, overlapping.shape); // starts 0, 1, 2: window 3 would need a 6th token as target
    }
}
