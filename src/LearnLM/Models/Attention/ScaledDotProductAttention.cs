using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// Scaled dot-product attention (chapter 10, Vaswani et al. 2017): softmax(Q Kᵀ / √d) V. Each query's output is
/// an average of the values, weighted by how well the query matches each key; dividing by √d keeps the scores'
/// spread independent of the width d, so the softmax does not saturate as d grows.
/// </summary>
public static class ScaledDotProductAttention
{
    /// <param name="query">(…, Tq, d)</param>
    /// <param name="key">(…, Tk, d)</param>
    /// <param name="value">(…, Tk, dv)</param>
    /// <param name="allowed">Boolean, broadcastable to (…, Tq, Tk): true where a query may look at a key (the
    /// convention of <c>functional.scaled_dot_product_attention</c>); null lets every query see every key.</param>
    /// <returns>The outputs (…, Tq, dv) and the attention weights (…, Tq, Tk), each row summing to 1.</returns>
    public static (Tensor Output, Tensor Weights) Attend(Tensor query, Tensor key, Tensor value, Tensor? allowed = null)
    {
        if (query.shape[^1] != key.shape[^1])
            throw new ArgumentException(
                $"Queries and keys must have the same width to be compared; got {query.shape[^1]} and {key.shape[^1]}.");
        using var scope = NewDisposeScope();
        var scores = query.matmul(key.transpose(-2, -1)) / Math.Sqrt(query.shape[^1]); // (…, Tq, Tk)
        if (allowed is not null) scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        var weights = scores.softmax(-1);                                                // (…, Tq, Tk)
        var output = weights.matmul(value);                                              // (…, Tq, dv)
        return (output.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    /// <summary>The causal mask for <paramref name="length"/> positions: position t may attend to 0…t only. (T, T) bool.</summary>
    public static Tensor CausalMask(long length, Device? device = null) =>
        ones(length, length, dtype: ScalarType.Bool, device: device).tril();

    /// <summary>A padding mask for attention from right-padded token ids: keys that are pad are hidden. (B, 1, 1, T) bool.</summary>
    public static Tensor KeyPaddingMask(Tensor tokens, long padId = 0) => tokens.ne(padId).view(tokens.shape[0], 1, 1, tokens.shape[1]);
}
