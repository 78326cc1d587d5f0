using LearnLM.Models.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

public sealed class AttentionTests
{
    public AttentionTests() => ContendedCpu.UseOneThread();

    // float64: the references fuse and reorder the same sums; they agree to ~1e-15, so 1e-10 catches any real
    // difference (a missing scale, a wrong head split, a transposed weight) by many orders of magnitude.
    const double Tolerance = 1e-10;

    [Fact]
    public void Scaled_dot_product_attention_matches_the_functional_one_with_and_without_a_mask()
    {
        manual_seed(10);
        var q = randn(2, 3, 5, 4, dtype: float64, requires_grad: true);
        var k = randn(2, 3, 6, 4, dtype: float64, requires_grad: true);
        var v = randn(2, 3, 6, 7, dtype: float64, requires_grad: true);
        var mask = rand(5, 6).gt(0.3);
        mask[.., 0] = tensor(true); // every query keeps at least one key
        foreach (var allowed in new Tensor?[] { null, mask })
        {
            var (ours, weights) = ScaledDotProductAttention.Attend(q, k, v, allowed);
            var theirs = nn.functional.scaled_dot_product_attention(q, k, v, allowed);
            Assert.True(ours.allclose(theirs, rtol: 0, atol: Tolerance));
            Assert.True(weights.sum(-1).allclose(ones(2, 3, 5, dtype: float64), rtol: 0, atol: Tolerance));
            var upstream = randn_like(theirs);
            var ourGrads = autograd.grad([ours], [q, k, v], [upstream]);
            var theirGrads = autograd.grad([theirs], [q, k, v], [upstream]);
            for (int i = 0; i < 3; i++) Assert.True(ourGrads[i].allclose(theirGrads[i], rtol: 0, atol: Tolerance), $"gradient {i}");
        }
    }

    [Fact]
    public void Multi_head_attention_matches_nn_MultiheadAttention_with_copied_weights()
    {
        manual_seed(11);
        var reference = nn.MultiheadAttention(8, 2).to(float64);
        var ours = new MultiHeadAttention(8, 2).to(float64);
        ours.CopyFrom(reference);
        var query = randn(3, 5, 8, dtype: float64);   // (B, T, E) for ours
        var keys = randn(3, 6, 8, dtype: float64);
        var (ourOutput, ourWeights) = ours.Attend(query, keys, keys);
        // TorchSharp's layer is sequence-first: (T, B, E).
        var (theirOutput, theirWeights) = reference.call(query.transpose(0, 1), keys.transpose(0, 1), keys.transpose(0, 1), null, true, null);
        Assert.True(ourOutput.allclose(theirOutput.transpose(0, 1), rtol: 0, atol: Tolerance));
        Assert.True(ourWeights.allclose(theirWeights, rtol: 0, atol: Tolerance));

        var upstream = randn_like(ourOutput);
        (ourOutput * upstream).sum().backward();
        (theirOutput.transpose(0, 1) * upstream).sum().backward();
        var theirParameters = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var packedGrad = cat([ours.query.weight!.grad!, ours.key.weight!.grad!, ours.value.weight!.grad!], 0);
        Assert.True(packedGrad.allclose(theirParameters["in_proj_weight"].grad!, rtol: 0, atol: Tolerance));
        Assert.True(ours.output.weight!.grad!.allclose(theirParameters["out_proj.weight"].grad!, rtol: 0, atol: Tolerance));
    }

    [Fact]
    public void The_post_norm_block_matches_TransformerEncoderLayer_with_copied_weights()
    {
        manual_seed(12);
        var reference = nn.TransformerEncoderLayer(8, 2, 16, dropout: 0.0).to(float64);
        var ours = new TransformerBlock(8, 2, 16, dropoutRate: 0.0, normFirst: false).to(float64);
        ours.CopyFrom(reference);
        var input = randn(3, 5, 8, dtype: float64, requires_grad: true);
        var theirs = reference.call(input.transpose(0, 1)).transpose(0, 1);
        var mine = ours.call(input);
        Assert.True(mine.allclose(theirs, rtol: 0, atol: Tolerance));
        var upstream = randn_like(mine);
        var ourGrad = autograd.grad([mine], [input], [upstream])[0];
        var theirGrad = autograd.grad([theirs], [input], [upstream])[0];
        Assert.True(ourGrad.allclose(theirGrad, rtol: 0, atol: Tolerance));
    }

    [Fact]
    public void Layer_norm_matches_nn_LayerNorm_in_values_and_gradients()
    {
        manual_seed(13);
        var ours = new LayerNorm(6).to(float64);
        var reference = nn.LayerNorm(6).to(float64);
        using (no_grad()) { ours.weight.normal_(); ours.bias!.normal_(); reference.weight!.copy_(ours.weight); reference.bias!.copy_(ours.bias); }
        var input = randn(4, 3, 6, dtype: float64, requires_grad: true);
        var mine = ours.call(input);
        var theirs = reference.call(input);
        Assert.True(mine.allclose(theirs, rtol: 0, atol: Tolerance));
        var upstream = randn_like(mine);
        Assert.True(autograd.grad([mine], [input], [upstream])[0].allclose(autograd.grad([theirs], [input], [upstream])[0], rtol: 0, atol: Tolerance));
    }

    [Fact]
    public void Sinusoidal_encodings_follow_the_paper_formula()
    {
        var table = SinusoidalPositionalEncoding.Table(50, 16);
        for (int t = 0; t < 50; t += 7)
            for (int i = 0; i < 8; i++)
            {
                double angle = t / Math.Pow(10000, 2.0 * i / 16);
                // float32 table: the angle (≤ 49) is stored to ~4e-6 absolute; sin/cos change no faster than that.
                Assert.Equal(Math.Sin(angle), table[t, 2 * i].item<float>(), 1e-5);
                Assert.Equal(Math.Cos(angle), table[t, 2 * i + 1].item<float>(), 1e-5);
            }
    }

    [Fact]
    public void Positional_encodings_add_to_the_input_and_refuse_too_long_sequences()
    {
        var input = zeros(2, 5, 8);
        Assert.True(new SinusoidalPositionalEncoding(8, 10).call(input)[1].allclose(SinusoidalPositionalEncoding.Table(5, 8)));
        var learned = new LearnedPositionalEncoding(8, 10);
        Assert.True(learned.call(input)[0].allclose(learned.positions.weight![..5]));
        Assert.Contains("raise maxLength", Assert.Throws<ArgumentException>(() => learned.call(zeros(1, 11, 8))).Message);
        Assert.Contains("even", Assert.Throws<ArgumentException>(() => new SinusoidalPositionalEncoding(7)).Message);
    }

    [Theory]
    [InlineData(PositionalEncodingKind.Sinusoidal)]
    [InlineData(PositionalEncodingKind.Learned)]
    public void The_transformer_classifier_ignores_padding(PositionalEncodingKind kind)
    {
        manual_seed(14);
        var model = new TransformerClassifier(30, embeddingSize: 16, heads: 2, layers: 2, feedForwardSize: 32, maxLength: 16, positionalEncoding: kind);
        model.eval();
        var tight = tensor(new long[,] { { 5, 6, 7, 0 }, { 3, 4, 8, 9 } });
        var padded = cat([tight, zeros(2, 5, dtype: int64)], dim: 1);
        // float32, and the softmax sums over more (zero-weight) keys: equal up to rounding.
        Assert.True(model.call(tight).allclose(model.call(padded), rtol: 0, atol: 1e-5));
    }
}
