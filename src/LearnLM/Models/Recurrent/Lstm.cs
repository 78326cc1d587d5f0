using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Recurrent;

/// <summary>
/// A one-layer LSTM over a whole batch-first sequence (chapter 9): <see cref="LstmCell.Step"/> applied at each
/// time step, carrying hidden state and memory forward. The from-scratch twin of
/// <c>nn.LSTM(inputSize, hiddenSize, batchFirst: true)</c>, with the same parameter layout.
/// </summary>
public sealed class Lstm : nn.Module<Tensor, Tensor>
{
    public readonly LstmCell cell;

    public Lstm(long inputSize, long hiddenSize) : base(nameof(Lstm))
    {
        cell = new LstmCell(inputSize, hiddenSize);
        RegisterComponents();
    }

    /// <summary>The hidden state at every step, (B, T, H).</summary>
    public override Tensor forward(Tensor input) => Run(input).Output;

    /// <param name="input">(B, T, I)</param>
    /// <param name="initial">Starting hidden state and memory, each (B, H); zeros when null.</param>
    /// <returns>Output (B, T, H) and the final hidden state and memory, each (B, H).</returns>
    public (Tensor Output, Tensor Hidden, Tensor Cell) Run(Tensor input, (Tensor Hidden, Tensor Cell)? initial = null)
    {
        if (input.dim() != 3 || input.shape[2] != cell.InputSize)
            throw new ArgumentException(
                $"Expected input of shape (batch, time, {cell.InputSize}); got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        long batch = input.shape[0], steps = input.shape[1];
        var (hidden, memory) = initial ?? (
            zeros(batch, cell.HiddenSize, dtype: input.dtype, device: input.device),
            zeros(batch, cell.HiddenSize, dtype: input.dtype, device: input.device));
        var outputs = new List<Tensor>();
        for (long t = 0; t < steps; t++)
        {
            (hidden, memory) = cell.Step(input[.., (int)t], hidden, memory); // (B, H) each
            outputs.Add(hidden);
        }
        var output = stack(outputs, dim: 1);                                  // (B, T, H)
        return (output.MoveToOuterDisposeScope(), hidden.MoveToOuterDisposeScope(), memory.MoveToOuterDisposeScope());
    }
}
