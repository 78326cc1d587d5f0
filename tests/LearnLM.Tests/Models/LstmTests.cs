using LearnLM.Models.Recurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

public sealed class LstmTests
{
    public LstmTests() => ContendedCpu.UseOneThread();

    // float64: the two sides compute the same gate sums in a different order (nn.LSTM fuses them), which
    // differs by ~1e-16 per operation; after 5 steps 1e-10 is far above that and far below any real mistake.
    const double Tolerance = 1e-10;

    [Fact]
    public void The_from_scratch_lstm_matches_nn_LSTM_in_outputs_states_and_gradients()
    {
        manual_seed(5);
        var ours = new Lstm(inputSize: 3, hiddenSize: 4).to(float64);
        var reference = nn.LSTM(3, 4, batchFirst: true).to(float64);
        var theirs = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            ours.cell.weight_ih.copy_(theirs["weight_ih_l0"]);
            ours.cell.weight_hh.copy_(theirs["weight_hh_l0"]);
            ours.cell.bias_ih.copy_(theirs["bias_ih_l0"]);
            ours.cell.bias_hh.copy_(theirs["bias_hh_l0"]);
        }
        var input = randn(2, 5, 3, dtype: float64);
        var h0 = randn(1, 2, 4, dtype: float64);
        var c0 = randn(1, 2, 4, dtype: float64);

        var (ourOutput, ourHidden, ourCell) = ours.Run(input, (h0[0], c0[0]));
        var (theirOutput, theirHidden, theirCell) = reference.call(input, (h0, c0));
        Assert.True(ourOutput.allclose(theirOutput, rtol: 0, atol: Tolerance));
        Assert.True(ourHidden.allclose(theirHidden[0], rtol: 0, atol: Tolerance));
        Assert.True(ourCell.allclose(theirCell[0], rtol: 0, atol: Tolerance));

        // The same scalar loss through both; every weight's gradient must agree.
        var weights = randn(2, 5, 4, dtype: float64);
        ((ourOutput * weights).sum() + ourCell.sum()).backward();
        ((theirOutput * weights).sum() + theirCell.sum()).backward();
        Assert.True(ours.cell.weight_ih.grad!.allclose(theirs["weight_ih_l0"].grad!, rtol: 0, atol: Tolerance));
        Assert.True(ours.cell.weight_hh.grad!.allclose(theirs["weight_hh_l0"].grad!, rtol: 0, atol: Tolerance));
        Assert.True(ours.cell.bias_ih.grad!.allclose(theirs["bias_ih_l0"].grad!, rtol: 0, atol: Tolerance));
        Assert.True(ours.cell.bias_hh.grad!.allclose(theirs["bias_hh_l0"].grad!, rtol: 0, atol: Tolerance));
    }

    [Fact]
    public void The_lstm_refuses_input_of_the_wrong_width()
    {
        var error = Assert.Throws<ArgumentException>(() => new Lstm(3, 4).call(zeros(2, 5, 7)));
        Assert.Contains("[2, 5, 7]", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_classifier_reads_the_last_real_token_so_extra_padding_changes_nothing(bool fromScratch)
    {
        manual_seed(6);
        var model = new LstmClassifier(vocabularySize: 20, embeddingSize: 8, hiddenSize: 8, fromScratch: fromScratch);
        model.eval();
        var tight = tensor(new long[,] { { 5, 6, 7, 0 }, { 3, 4, 8, 9 } });
        var padded = cat([tight, zeros(2, 6, dtype: int64)], dim: 1); // six more pad positions
        Assert.True(model.call(tight).allclose(model.call(padded), rtol: 0, atol: 1e-6)); // float32 sums in the same order: only rounding

        // And the last real step is what is read: row 0's third token, not its pad.
        var states = arange(2 * 4 * 1, dtype: float32).view(2, 4, 1);
        Assert.Equal(new float[] { 2, 7 }, LstmClassifier.LastRealStep(states, tight).view(-1).data<float>().ToArray());
    }
}
