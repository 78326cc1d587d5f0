using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Attention;

/// <summary>
/// Fixed sinusoidal positions (chapter 10, Vaswani et al. 2017): PE[t, 2i] = sin(t / 10000^(2i/E)),
/// PE[t, 2i+1] = cos(t / 10000^(2i/E)). Each pair of dimensions is a clock at its own frequency, so nearby
/// positions look alike and any offset is a fixed rotation; nothing is learned, and positions beyond the
/// training lengths still have an encoding. Added to the (B, T, E) input.
/// </summary>
public sealed class SinusoidalPositionalEncoding : nn.Module<Tensor, Tensor>
{
    readonly Tensor table; // (maxLength, E), a buffer: saved with the model, never trained

    public SinusoidalPositionalEncoding(long embeddingSize, long maxLength = 512) : base(nameof(SinusoidalPositionalEncoding))
    {
        if (embeddingSize % 2 != 0)
            throw new ArgumentException($"Sinusoidal encodings pair sines with cosines; the embedding size must be even, got {embeddingSize}.", nameof(embeddingSize));
        table = Table(maxLength, embeddingSize);
        register_buffer(nameof(table), table);
    }

    /// <summary>The (length, E) encoding table.</summary>
    public static Tensor Table(long length, long embeddingSize)
    {
        using var scope = NewDisposeScope();
        var positions = arange(length, dtype: float32).unsqueeze(1);                              // (T, 1)
        var frequencies = exp(arange(0, embeddingSize, 2, dtype: float32) * (-Math.Log(10000.0) / embeddingSize)); // (E/2)
        var angles = positions * frequencies;                                                      // (T, E/2)
        var table = stack([angles.sin(), angles.cos()], dim: 2).view(length, embeddingSize);       // interleave: sin, cos, sin, …
        return table.MoveToOuterDisposeScope();
    }

    /// <param name="input">(B, T, E)</param>
    public override Tensor forward(Tensor input)
    {
        long length = input.shape[1];
        if (length > table.shape[0])
            throw new ArgumentException($"The sequence has {length} positions but the table was built for {table.shape[0]}; raise maxLength.", nameof(input));
        return input + table[..(int)length].to(input.dtype);
    }
}
