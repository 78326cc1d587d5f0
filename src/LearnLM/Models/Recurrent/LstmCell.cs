using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models.Recurrent;

/// <summary>
/// One step of a long short-term memory cell with its gates written out (chapter 9, Hochreiter &amp; Schmidhuber 1997):
/// <code>
///   i = σ(W_ii x + b_ii + W_hi h + b_hi)    input gate: how much of the candidate to write
///   f = σ(W_if x + b_if + W_hf h + b_hf)    forget gate: how much of the old memory to keep
///   g = tanh(W_ig x + b_ig + W_hg h + b_hg) candidate memory
///   o = σ(W_io x + b_io + W_ho h + b_ho)    output gate: how much of the memory to show
///   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
/// </code>
/// The four gates' weights are stacked in PyTorch's order (i, f, g, o) in <c>weight_ih</c> (4H, I) and
/// <c>weight_hh</c> (4H, H), so weights copy one-to-one from <c>nn.LSTM</c>'s <c>weight_ih_l0</c>, <c>weight_hh_l0</c>.
/// </summary>
public sealed class LstmCell : nn.Module
{
    public readonly long InputSize, HiddenSize;
    public TorchSharp.Modules.Parameter weight_ih, weight_hh, bias_ih, bias_hh;

    public LstmCell(long inputSize, long hiddenSize) : base(nameof(LstmCell))
    {
        (InputSize, HiddenSize) = (inputSize, hiddenSize);
        // nn.LSTM's initialisation: every weight and bias uniform in ±1/√hidden.
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        weight_ih = nn.Parameter(empty(4 * hiddenSize, inputSize).uniform_(-bound, bound));
        weight_hh = nn.Parameter(empty(4 * hiddenSize, hiddenSize).uniform_(-bound, bound));
        bias_ih = nn.Parameter(empty(4 * hiddenSize).uniform_(-bound, bound));
        bias_hh = nn.Parameter(empty(4 * hiddenSize).uniform_(-bound, bound));
        RegisterComponents();
    }

    /// <param name="input">(B, I)</param>
    /// <param name="hidden">(B, H)</param>
    /// <param name="cell">(B, H)</param>
    /// <returns>The next hidden state and cell memory, each (B, H).</returns>
    public (Tensor Hidden, Tensor Cell) Step(Tensor input, Tensor hidden, Tensor cell)
    {
        using var scope = NewDisposeScope();
        var gates = nn.functional.linear(input, weight_ih, bias_ih) + nn.functional.linear(hidden, weight_hh, bias_hh); // (B, 4H)
        var chunks = gates.chunk(4, dim: 1);                                                                              // 4 × (B, H)
        var inputGate = chunks[0].sigmoid();
        var forgetGate = chunks[1].sigmoid();
        var candidate = chunks[2].tanh();
        var outputGate = chunks[3].sigmoid();
        var nextCell = forgetGate * cell + inputGate * candidate;
        var nextHidden = outputGate * nextCell.tanh();
        return (nextHidden.MoveToOuterDisposeScope(), nextCell.MoveToOuterDisposeScope());
    }
}
