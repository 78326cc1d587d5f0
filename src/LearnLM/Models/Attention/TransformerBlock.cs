using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// A Transformer encoder block (chapter 10): multi-head self-attention, then a two-layer position-wise network
/// (E → feedForward → E, ReLU), each wrapped in a residual connection and layer norm. <c>normFirst</c> chooses
/// where the norm goes: before each sub-layer (pre-norm, GPT-2 and most modern models: trains stably without
/// warm-up) or after the residual sum (post-norm, the original paper and TorchSharp's <c>TransformerEncoderLayer</c>).
/// </summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    public readonly MultiHeadAttention attention;
    public readonly LayerNorm norm1, norm2;
    public readonly Linear linear1, linear2;
    readonly Dropout dropout, dropout1, dropout2;
    readonly bool _normFirst;

    public TransformerBlock(long embeddingSize, long heads, long feedForwardSize, double dropoutRate = 0.1, bool normFirst = true)
        : base(nameof(TransformerBlock))
    {
        attention = new MultiHeadAttention(embeddingSize, heads);
        norm1 = new LayerNorm(embeddingSize);
        norm2 = new LayerNorm(embeddingSize);
        linear1 = nn.Linear(embeddingSize, feedForwardSize);
        linear2 = nn.Linear(feedForwardSize, embeddingSize);
        dropout = nn.Dropout(dropoutRate);
        dropout1 = nn.Dropout(dropoutRate);
        dropout2 = nn.Dropout(dropoutRate);
        _normFirst = normFirst;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => Forward(input, null);

    /// <param name="input">(B, T, E)</param>
    /// <param name="allowed">Boolean, broadcastable to (B, heads, T, T): true where a position may attend (see
    /// <see cref="ScaledDotProductAttention.KeyPaddingMask"/>, <see cref="ScaledDotProductAttention.CausalMask"/>).</param>
    /// <returns>(B, T, E)</returns>
    public Tensor Forward(Tensor input, Tensor? allowed)
    {
        using var scope = NewDisposeScope();
        Tensor x = input;
        if (_normFirst)
        {
            x = x + dropout1.call(SelfAttend(norm1.call(x), allowed));
            x = x + dropout2.call(FeedForward(norm2.call(x)));
        }
        else
        {
            x = norm1.call(x + dropout1.call(SelfAttend(x, allowed)));
            x = norm2.call(x + dropout2.call(FeedForward(x)));
        }
        return x.MoveToOuterDisposeScope();
    }

    Tensor SelfAttend(Tensor x, Tensor? allowed) => attention.Attend(x, x, x, allowed).Output;

    Tensor FeedForward(Tensor x) => linear2.call(dropout.call(nn.functional.relu(linear1.call(x)))); // (B, T, E)

    /// <summary>Copies the weights of TorchSharp's (post-norm, ReLU) <see cref="TransformerEncoderLayer"/>.</summary>
    public void CopyFrom(TransformerEncoderLayer reference)
    {
        var parameters = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        string Missing(string name) =>
            $"TransformerEncoderLayer has no parameter '{name}'; it has {string.Join(", ", parameters.Keys)}.";
        Tensor Get(string name) => parameters.TryGetValue(name, out var p) ? p : throw new InvalidOperationException(Missing(name));
        using var noGrad = no_grad();
        var weights = Get("self_attn.in_proj_weight").chunk(3, 0);
        var biases = Get("self_attn.in_proj_bias").chunk(3, 0);
        Linear[] projections = [attention.query, attention.key, attention.value];
        for (int i = 0; i < 3; i++)
        {
            projections[i].weight!.copy_(weights[i]);
            projections[i].bias!.copy_(biases[i]);
        }
        attention.output.weight!.copy_(Get("self_attn.out_proj.weight"));
        attention.output.bias!.copy_(Get("self_attn.out_proj.bias"));
        linear1.weight!.copy_(Get("linear1.weight")); linear1.bias!.copy_(Get("linear1.bias"));
        linear2.weight!.copy_(Get("linear2.weight")); linear2.bias!.copy_(Get("linear2.bias"));
        norm1.weight.copy_(Get("norm1.weight")); norm1.bias!.copy_(Get("norm1.bias"));
        norm2.weight.copy_(Get("norm2.weight")); norm2.bias!.copy_(Get("norm2.bias"));
    }
}
