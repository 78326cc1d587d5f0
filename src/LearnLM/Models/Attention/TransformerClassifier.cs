using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>How a Transformer tells positions apart (chapter 10).</summary>
public enum PositionalEncodingKind { Sinusoidal, Learned }

/// <summary>
/// A Transformer encoder text classifier (chapter 10): token embeddings plus positions → pre-norm
/// <see cref="TransformerBlock"/>s with pad keys hidden → final layer norm → mean over the real (non-pad)
/// tokens → dense layer to class logits. Tokens are right-padded with id 0.
/// </summary>
public sealed class TransformerClassifier : nn.Module<Tensor, Tensor>
{
    public const long PadId = 0;

    readonly Embedding embedding;
    readonly nn.Module<Tensor, Tensor> positions;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm norm;
    readonly Dropout dropout;
    readonly Linear head;

    public TransformerClassifier(long vocabularySize, long embeddingSize = 64, long heads = 4, long layers = 2,
        long feedForwardSize = 128, long maxLength = 256, long numClasses = 2, double dropoutRate = 0.1,
        PositionalEncodingKind positionalEncoding = PositionalEncodingKind.Sinusoidal) : base(nameof(TransformerClassifier))
    {
        embedding = nn.Embedding(vocabularySize, embeddingSize, padding_idx: PadId);
        positions = positionalEncoding == PositionalEncodingKind.Sinusoidal
            ? new SinusoidalPositionalEncoding(embeddingSize, maxLength)
            : new LearnedPositionalEncoding(embeddingSize, maxLength);
        blocks = nn.ModuleList(Enumerable.Range(0, (int)layers)
            .Select(_ => new TransformerBlock(embeddingSize, heads, feedForwardSize, dropoutRate, normFirst: true)).ToArray());
        norm = new LayerNorm(embeddingSize);
        dropout = nn.Dropout(dropoutRate);
        head = nn.Linear(embeddingSize, numClasses);
        RegisterComponents();
    }

    /// <param name="tokens">(B, T) int64, right-padded with <see cref="PadId"/>.</param>
    /// <returns>(B, classes)</returns>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var allowed = ScaledDotProductAttention.KeyPaddingMask(tokens, PadId); // (B, 1, 1, T)
        var x = dropout.call(positions.call(embedding.call(tokens)));         // (B, T, E)
        foreach (var block in blocks) x = block.Forward(x, allowed);
        x = norm.call(x);
        return head.call(dropout.call(MaskedMean(x, tokens))).MoveToOuterDisposeScope();
    }

    /// <summary>The mean of each row's vectors over its non-pad positions. (B, T, E) → (B, E).</summary>
    public static Tensor MaskedMean(Tensor states, Tensor tokens, long padId = PadId)
    {
        using var scope = NewDisposeScope();
        var real = tokens.ne(padId).unsqueeze(-1).to_type(states.dtype);            // (B, T, 1)
        var sums = (states * real).sum(1);                                          // (B, E)
        var counts = real.sum(1).clamp_min(1);                                      // (B, 1): an all-pad row divides by 1, not 0
        return (sums / counts).MoveToOuterDisposeScope();
    }
}
