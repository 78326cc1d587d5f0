using LearnLM.Models.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Gpt;

/// <summary>One GPT block (chapter 11), pre-norm: x + attention(norm(x)), then x + mlp(norm(x)).</summary>
public sealed class GptBlock : nn.Module<Tensor, Tensor>
{
    readonly LayerNorm norm1, norm2;
    readonly CausalSelfAttention attention;
    readonly GptMlp mlp;

    public GptBlock(GptConfig config) : base(nameof(GptBlock))
    {
        norm1 = new LayerNorm(config.EmbeddingSize, useBias: config.Bias);
        attention = new CausalSelfAttention(config);
        norm2 = new LayerNorm(config.EmbeddingSize, useBias: config.Bias);
        mlp = new GptMlp(config);
        RegisterComponents();
    }

    /// <param name="input">(B, T, C)</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input + attention.call(norm1.call(input));
        x = x + mlp.call(norm2.call(x));
        return x.MoveToOuterDisposeScope(); // (B, T, C)
    }
}
