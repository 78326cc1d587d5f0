using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// Multi-head attention (chapter 10): project the inputs to queries, keys and values, split the width into
/// <c>heads</c> slices that attend independently (each can look for a different relation), then join the heads and
/// project back. Batch-first: inputs are (B, T, E). As self-attention, <see cref="forward(Tensor)"/> uses one
/// input for all three.
/// </summary>
public sealed class MultiHeadAttention : nn.Module<Tensor, Tensor>
{
    public readonly long EmbeddingSize, Heads;
    public readonly Linear query, key, value, output;
    readonly Dropout dropout;

    public MultiHeadAttention(long embeddingSize, long heads, double dropoutRate = 0.0) : base(nameof(MultiHeadAttention))
    {
        if (heads < 1 || embeddingSize % heads != 0)
            throw new ArgumentException($"The embedding size ({embeddingSize}) must divide evenly into {heads} heads.", nameof(heads));
        (EmbeddingSize, Heads) = (embeddingSize, heads);
        query = nn.Linear(embeddingSize, embeddingSize);
        key = nn.Linear(embeddingSize, embeddingSize);
        value = nn.Linear(embeddingSize, embeddingSize);
        output = nn.Linear(embeddingSize, embeddingSize);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>Self-attention: every position attends to every position.</summary>
    public override Tensor forward(Tensor input) => Attend(input, input, input).Output;

    /// <param name="queries">(B, Tq, E)</param>
    /// <param name="keys">(B, Tk, E)</param>
    /// <param name="values">(B, Tk, E)</param>
    /// <param name="allowed">Boolean, broadcastable to (B, heads, Tq, Tk); true where a query may see a key.</param>
    /// <returns>Output (B, Tq, E) and the weights averaged over heads (B, Tq, Tk).</returns>
    public (Tensor Output, Tensor Weights) Attend(Tensor queries, Tensor keys, Tensor values, Tensor? allowed = null)
    {
        using var scope = NewDisposeScope();
        var q = SplitHeads(query.call(queries));                                      // (B, h, Tq, E/h)
        var k = SplitHeads(key.call(keys));                                           // (B, h, Tk, E/h)
        var v = SplitHeads(value.call(values));                                       // (B, h, Tk, E/h)
        var (attended, weights) = ScaledDotProductAttention.Attend(q, k, v, allowed); // (B, h, Tq, E/h)
        var joined = attended.transpose(1, 2).reshape(queries.shape[0], queries.shape[1], EmbeddingSize); // (B, Tq, E)
        var result = dropout.call(output.call(joined));
        return (result.MoveToOuterDisposeScope(), weights.mean([1]).MoveToOuterDisposeScope());
    }

    Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], Heads, EmbeddingSize / Heads).transpose(1, 2);

    /// <summary>
    /// Copies the weights of TorchSharp's <see cref="MultiheadAttention"/>, which packs the three input projections
    /// into one (3E, E) matrix <c>in_proj_weight</c> in the order query, key, value.
    /// </summary>
    public void CopyFrom(MultiheadAttention reference)
    {
        var parameters = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = no_grad();
        var weights = parameters["in_proj_weight"].chunk(3, 0);
        var biases = parameters["in_proj_bias"].chunk(3, 0);
        Linear[] projections = [query, key, value];
        for (int i = 0; i < 3; i++)
        {
            projections[i].weight!.copy_(weights[i]);
            projections[i].bias!.copy_(biases[i]);
        }
        output.weight!.copy_(parameters["out_proj.weight"]);
        output.bias!.copy_(parameters["out_proj.bias"]);
    }
}
