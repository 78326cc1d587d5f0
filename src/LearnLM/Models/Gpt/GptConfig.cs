namespace LearnLM.Models.Gpt;

/// <summary>
/// The shape of a <see cref="MiniGpt"/> (chapter 11). The defaults are a character-level model small enough
/// to train on a laptop CPU in minutes (nanoGPT's "baby GPT" scaled down).
/// </summary>
/// <param name="VocabularySize">Distinct tokens; 65 is tinyshakespeare's character set.</param>
/// <param name="BlockSize">Longest context the model sees (positions it has embeddings for).</param>
/// <param name="Layers">Transformer blocks stacked.</param>
/// <param name="Heads">Attention heads per block; must divide <paramref name="EmbeddingSize"/>.</param>
/// <param name="EmbeddingSize">Width of every token's vector through the network.</param>
/// <param name="Dropout">Dropout in attention, residual and embedding paths; 0 for small data runs that do not overfit yet.</param>
/// <param name="Bias">Biases in linear layers and layer norms; nanoGPT finds false slightly better and faster.</param>
public sealed record GptConfig(
    long VocabularySize = 65,
    long BlockSize = 64,
    long Layers = 2,
    long Heads = 4,
    long EmbeddingSize = 64,
    double Dropout = 0.0,
    bool Bias = false)
{
    internal void Validate()
    {
        if (VocabularySize < 1 || BlockSize < 1 || Layers < 1 || Heads < 1 || EmbeddingSize < 1)
            throw new ArgumentException($"Every size in a GptConfig must be positive; got {this}.");
        if (EmbeddingSize % Heads != 0)
            throw new ArgumentException($"EmbeddingSize ({EmbeddingSize}) must divide evenly into Heads ({Heads}).");
    }
}
