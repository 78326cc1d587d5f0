using LearnLM.Models.Attention;
using LayerNorm = LearnLM.Models.Attention.LayerNorm;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Gpt;

/// <summary>
/// A decoder-only Transformer language model in the shape of nanoGPT (chapter 11): token and learned position
/// embeddings → <see cref="GptBlock"/>s → final layer norm → logits over the vocabulary. The output layer reuses
/// the token embedding matrix (weight tying: a token's input vector is also what its logit is scored against),
/// which saves V·C parameters and helps small models.
/// </summary>
public sealed class MiniGpt : nn.Module<Tensor, Tensor>
{
    public GptConfig Config { get; }
    public readonly Embedding tokenEmbedding, positionEmbedding;
    readonly Dropout dropout;
    readonly ModuleList<GptBlock> blocks;
    readonly LayerNorm finalNorm;

    public MiniGpt(GptConfig config) : base(nameof(MiniGpt))
    {
        config.Validate();
        Config = config;
        tokenEmbedding = nn.Embedding(config.VocabularySize, config.EmbeddingSize);
        positionEmbedding = nn.Embedding(config.BlockSize, config.EmbeddingSize);
        dropout = nn.Dropout(config.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, (int)config.Layers).Select(_ => new GptBlock(config)).ToArray());
        finalNorm = new LayerNorm(config.EmbeddingSize, useBias: config.Bias);
        RegisterComponents();
        Initialise();
    }

    /// <summary>GPT-2's initialisation: weights N(0, 0.02), biases 0, and the projections that write into the
    /// residual stream scaled by 1/√(2·layers) so the stream's variance does not grow with depth.</summary>
    void Initialise()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("bias")) parameter.zero_();
            else if (name.Contains("norm")) continue;
            else if (name.EndsWith("projection.weight") || name.EndsWith("project.weight"))
                parameter.normal_(0, 0.02 / Math.Sqrt(2 * Config.Layers));
            else parameter.normal_(0, 0.02);
        }
    }

    /// <param name="tokens">(B, T) int64, T ≤ BlockSize.</param>
    /// <returns>Logits (B, T, V): at each position, scores for the next token.</returns>
    public override Tensor forward(Tensor tokens)
    {
        long length = tokens.shape[1];
        if (length > Config.BlockSize)
            throw new ArgumentException($"The sequence has {length} tokens but the block size is {Config.BlockSize}; crop the context.", nameof(tokens));
        using var scope = NewDisposeScope();
        var positions = arange(length, device: tokens.device);                                  // (T)
        var x = dropout.call(tokenEmbedding.call(tokens) + positionEmbedding.call(positions));  // (B, T, C)
        foreach (var block in blocks) x = block.call(x);
        x = finalNorm.call(x);
        var logits = nn.functional.linear(x, tokenEmbedding.weight!);                           // (B, T, V): tied weights
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Mean cross-entropy of predicting <paramref name="targets"/> (B, T) from <paramref name="tokens"/> (B, T).</summary>
    public Tensor Loss(Tensor tokens, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var logits = call(tokens);                                                               // (B, T, V)
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Extends <paramref name="context"/> (B, T) by <paramref name="newTokens"/> tokens, one at a time: crop to the
    /// last BlockSize tokens, take the last position's logits, divide by <paramref name="temperature"/> (below 1:
    /// safer, above 1: more varied), keep the <paramref name="topK"/> most likely (all when null), and sample.
    /// The same <paramref name="seed"/> gives the same text.
    /// </summary>
    /// <returns>(B, T + newTokens)</returns>
    public Tensor Generate(Tensor context, int newTokens, double temperature = 1.0, int? topK = null, long seed = 0)
    {
        if (temperature <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be positive; use a small value such as 0.01 for near-greedy text.");
        if (topK is < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "topK must be at least 1 (or null to keep every token).");
        bool wasTraining = training;
        eval();
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed, context.device);
        var tokens = context.alias();
        for (int i = 0; i < newTokens; i++)
        {
            using var scope = NewDisposeScope();
            long start = Math.Max(0, tokens.shape[1] - Config.BlockSize);
            var window = tokens[.., (int)start..];                                     // (B, ≤ block)
            var logits = call(window)[.., -1, ..] / temperature;                       // (B, V)
            if (topK is { } k && k < logits.shape[1])
            {
                var (kept, _) = logits.topk(k);
                logits = logits.masked_fill(logits.lt(kept[.., k - 1].unsqueeze(1)), double.NegativeInfinity);
            }
            var next = multinomial(logits.softmax(-1), 1, generator: generator);       // (B, 1)
            var extended = cat([tokens, next], dim: 1).MoveToOuterDisposeScope();
            tokens.Dispose();
            tokens = extended;
        }
        train(wasTraining);
        return tokens;
    }
}
