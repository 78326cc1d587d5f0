using LearnLM.Models.Gpt;
using LearnLM.Tests.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

public sealed class MiniGptTests(ITestOutputHelper output)
{
    static readonly GptConfig Tiny = new(VocabularySize: 11, BlockSize: 8, Layers: 2, Heads: 2, EmbeddingSize: 16);

    [Fact]
    public void A_position_never_sees_the_future()
    {
        manual_seed(20);
        var model = new MiniGpt(Tiny);
        var tokens = randint(0, 11, [2, 8], dtype: int64);
        var changed = tokens.clone();
        changed[.., 5..] = (changed[.., 5..] + 1) % 11; // rewrite positions 5, 6, 7
        var before = model.call(tokens);
        var after = model.call(changed);
        Assert.True(before[.., ..5].allclose(after[.., ..5], rtol: 0, atol: 1e-6)); // same float32 sums: rounding only
        Assert.False(before[.., 5..].allclose(after[.., 5..], rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void The_output_layer_is_the_token_embedding()
    {
        var model = new MiniGpt(Tiny);
        long V = 11, T = 8, C = 16, L = 2;
        // No bias anywhere: embeddings V·C + T·C, per block 2 norms (2C) + qkv (3C²) + projection (C²) + MLP (8C²),
        // a final norm (C) — and no separate V·C output matrix.
        long expected = V * C + T * C + L * (12 * C * C + 2 * C) + C;
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));

        // The logits move when, and only when, the shared matrix does its double duty.
        var tokens = tensor(new long[,] { { 1, 2, 3 } });
        var loss = model.Loss(tokens, tensor(new long[,] { { 2, 3, 4 } }));
        loss.backward();
        // Row 10 is never an input here, so its gradient can only come through the output layer.
        Assert.True(model.tokenEmbedding.weight!.grad![10].abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Generation_is_seeded_and_top_k_of_one_is_greedy()
    {
        manual_seed(21);
        var model = new MiniGpt(Tiny);
        var context = tensor(new long[,] { { 1, 2, 3 } });
        var first = model.Generate(context, 12, temperature: 1.5, seed: 5);
        var again = model.Generate(context, 12, temperature: 1.5, seed: 5);
        Assert.Equal(new long[] { 1, 15 }, first.shape);        // grows past BlockSize: the context is cropped
        Assert.True(first.eq(again).all().item<bool>());
        Assert.True(first[0, ..3].eq(context[0]).all().item<bool>());

        var greedy = context.clone();
        for (int i = 0; i < 6; i++)
        {
            var window = greedy[.., Math.Max(0, (int)greedy.shape[1] - 8)..];
            greedy = cat([greedy, model.call(window)[.., -1].argmax(-1, keepdim: true)], 1);
        }
        Assert.True(model.Generate(context, 6, topK: 1, seed: 99).eq(greedy).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Generate(context, 1, temperature: 0));
    }

    [Fact]
    public void On_tinyshakespeare_the_validation_loss_falls_below_the_unigram_entropy()
    {
        string text = File.ReadAllText(Path.Combine(SharedData.Require("tinyshakespeare"), "input.txt"));
        var alphabet = text.Distinct().Order().ToArray();
        var index = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
        var ids = tensor(text.Select(c => index[c]).ToArray());
        long split = ids.shape[0] * 9 / 10;
        var (train, validation) = (ids[..(int)split], ids[(int)split..]);

        // Unigram entropy of the training characters, in nats: the loss of a model that knows only frequencies.
        var counts = train.bincount(null, alphabet.Length).to_type(float64);
        var p = counts / counts.sum();
        double unigram = -(p * p.clamp_min(1e-300).log()).sum().item<double>();

        ContendedCpu.UseOneThread();
        var config = new GptConfig(VocabularySize: alphabet.Length, BlockSize: 32, Layers: 2, Heads: 4, EmbeddingSize: 48);
        manual_seed(22);
        var model = new MiniGpt(config);
        var optimizer = optim.AdamW(model.parameters(), 3e-3);
        var generator = new Generator(23);
        (Tensor X, Tensor Y) Batch(Tensor data, int size)
        {
            var starts = randint(data.shape[0] - config.BlockSize - 1, [size], generator: generator, dtype: int64);
            var offsets = arange(config.BlockSize).unsqueeze(0) + starts.unsqueeze(1); // (B, T)
            return (data[offsets], data[offsets + 1]);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int step = 0; step < 150; step++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(train, 32);
            optimizer.zero_grad();
            model.Loss(x, y).backward();
            optimizer.step();
        }
        model.eval();
        double validationLoss;
        using (no_grad())
        {
            var (x, y) = Batch(validation, 256);
            validationLoss = model.Loss(x, y).item<float>();
        }
        output.WriteLine($"validation loss {validationLoss:F3} nats vs unigram entropy {unigram:F3} nats, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(validationLoss < unigram, $"validation loss {validationLoss:F3} ≥ unigram entropy {unigram:F3}");
    }
}
