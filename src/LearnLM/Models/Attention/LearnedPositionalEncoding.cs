using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// Learned positions (chapter 10; GPT's choice): one trainable vector per position, added to the (B, T, E)
/// input. Flexible, but it knows nothing about positions past <c>maxLength</c>.
/// </summary>
public sealed class LearnedPositionalEncoding : nn.Module<Tensor, Tensor>
{
    public readonly Embedding positions;

    public LearnedPositionalEncoding(long embeddingSize, long maxLength = 512) : base(nameof(LearnedPositionalEncoding))
    {
        positions = nn.Embedding(maxLength, embeddingSize);
        nn.init.normal_(positions.weight!, std: 0.02); // GPT-2's initialisation
        RegisterComponents();
    }

    /// <param name="input">(B, T, E)</param>
    public override Tensor forward(Tensor input)
    {
        long length = input.shape[1], capacity = positions.weight!.shape[0];
        if (length > capacity)
            throw new ArgumentException($"The sequence has {length} positions but only {capacity} were learned; raise maxLength.", nameof(input));
        using var index = arange(length, device: input.device);
        return input + positions.call(index); // (B, T, E) + (T, E)
    }
}
