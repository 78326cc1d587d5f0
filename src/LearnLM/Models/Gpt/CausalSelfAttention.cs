using TorchSharp;
using TorchSharp.Modules;
using LearnLM.Models.Attention;
using static TorchSharp.torch;

namespace LearnLM.Models.Gpt;

/// <summary>
/// Multi-head self-attention in which each position sees only itself and earlier positions (chapter 11), so the
/// model can be trained to predict every next token of a sequence at once without peeking at the answer.
/// One linear layer makes queries, keys and values together, as in GPT-2.
/// </summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    readonly Linear attention, projection;
    readonly Dropout attentionDropout, residualDropout;
    readonly Tensor causal; // (1, 1, block, block) bool, true on and below the diagonal
    readonly long _heads, _embeddingSize;

    public CausalSelfAttention(GptConfig config) : base(nameof(CausalSelfAttention))
    {
        (_heads, _embeddingSize) = (config.Heads, config.EmbeddingSize);
        attention = nn.Linear(config.EmbeddingSize, 3 * config.EmbeddingSize, hasBias: config.Bias);
        projection = nn.Linear(config.EmbeddingSize, config.EmbeddingSize, hasBias: config.Bias);
        attentionDropout = nn.Dropout(config.Dropout);
        residualDropout = nn.Dropout(config.Dropout);
        causal = ScaledDotProductAttention.CausalMask(config.BlockSize).view(1, 1, config.BlockSize, config.BlockSize);
        RegisterComponents();
    }

    /// <param name="input">(B, T, C)</param>
    /// <returns>(B, T, C)</returns>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], length = input.shape[1];
        var qkv = attention.call(input).split(_embeddingSize, dim: 2);          // 3 × (B, T, C)
        Tensor Heads(Tensor x) => x.view(batch, length, _heads, _embeddingSize / _heads).transpose(1, 2); // (B, nh, T, hs)
        var (q, k, v) = (Heads(qkv[0]), Heads(qkv[1]), Heads(qkv[2]));
        var scores = q.matmul(k.transpose(-2, -1)) / Math.Sqrt(k.shape[^1]);     // (B, nh, T, T)
        scores = scores.masked_fill(causal[.., .., ..(int)length, ..(int)length].logical_not(), double.NegativeInfinity);
        var weights = attentionDropout.call(scores.softmax(-1));
        var y = weights.matmul(v);                                               // (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(batch, length, _embeddingSize);  // (B, T, C): heads side by side
        return residualDropout.call(projection.call(y)).MoveToOuterDisposeScope();
    }
}
