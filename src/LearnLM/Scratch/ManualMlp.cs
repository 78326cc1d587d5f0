using LearnLM.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Scratch;

/// <summary>
/// A multilayer perceptron with its forward and backward passes written out by hand, no autograd (chapter 3,
/// "Perceptron and MLP by hand"). Each layer computes h = σ(W x + b); on a batch of rows X (N, in) that is
/// Z = X Wᵀ + b and H = σ(Z). The backward pass runs the chain rule layer by layer, from the last:
/// <code>
/// δ      = dL/dZ = dL/dH ⊙ σ'(Z)      (N, out)
/// dL/dW  = δᵀ X                        (out, in)
/// dL/db  = Σₙ δₙ                       (out)
/// dL/dX  = δ W                         (N, in)   — the dL/dH of the layer below
/// </code>
/// <see cref="ToSequential"/> builds the concise TorchSharp model with the same weights, whose autograd gradients
/// the tests compare with these.
/// </summary>
public sealed class ManualMlp
{
    readonly Tensor[] _weights;
    readonly Tensor[] _biases;
    readonly IActivation[] _activations;
    // What the backward pass needs from the forward pass: each layer's input and pre-activation Z.
    Tensor[]? _inputs;
    Tensor[]? _preActivations;

    /// <summary>An MLP with the given weights Wₗ (out, in), biases bₗ (out) and activations σₗ, one per layer.</summary>
    public ManualMlp(IReadOnlyList<Tensor> weights, IReadOnlyList<Tensor> biases, IReadOnlyList<IActivation> activations)
    {
        if (weights.Count == 0) throw new ArgumentException("An MLP needs at least one layer.", nameof(weights));
        if (biases.Count != weights.Count || activations.Count != weights.Count)
            throw new ArgumentException($"Give one bias and one activation per layer: {weights.Count} weights, {biases.Count} biases, {activations.Count} activations.");
        for (int l = 0; l < weights.Count; l++)
        {
            if (weights[l].dim() != 2 || biases[l].dim() != 1 || biases[l].shape[0] != weights[l].shape[0])
                throw new ArgumentException($"Layer {l}: the weight must be (out, in) and the bias (out); got [{string.Join(", ", weights[l].shape)}] and [{string.Join(", ", biases[l].shape)}].");
            if (l > 0 && weights[l].shape[1] != weights[l - 1].shape[0])
                throw new ArgumentException($"Layer {l} takes {weights[l].shape[1]} inputs but layer {l - 1} gives {weights[l - 1].shape[0]} outputs.");
        }
        // Owned copies, kept out of any dispose scope the caller is in: they live as long as the model.
        _weights = weights.Select(w => w.detach().clone().DetachFromDisposeScope()).ToArray();
        _biases = biases.Select(b => b.detach().clone().DetachFromDisposeScope()).ToArray();
        _activations = activations.ToArray();
    }

    /// <summary>
    /// An MLP with layer sizes <paramref name="sizes"/> (e.g. [2, 8, 1]), <paramref name="hidden"/> after every layer
    /// but the last and <paramref name="output"/> after the last, initialised as <c>nn.Linear</c> does:
    /// uniform in ±1/√in.
    /// </summary>
    public static ManualMlp Create(IReadOnlyList<int> sizes, IActivation hidden, IActivation output, long seed = 0,
        ScalarType dtype = ScalarType.Float64)
    {
        if (sizes.Count < 2 || sizes.Any(s => s < 1))
            throw new ArgumentException("Give at least two layer sizes, each ≥ 1, e.g. [2, 8, 1].", nameof(sizes));
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var weights = new List<Tensor>();
        var biases = new List<Tensor>();
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            double bound = 1 / Math.Sqrt(sizes[l]);
            weights.Add((rand([sizes[l + 1], sizes[l]], dtype, generator: generator) * 2 - 1) * bound);
            biases.Add((rand([sizes[l + 1]], dtype, generator: generator) * 2 - 1) * bound);
        }
        var activations = Enumerable.Repeat(hidden, sizes.Count - 2).Append(output).ToList();
        return new ManualMlp(weights, biases, activations);
    }

    public IReadOnlyList<Tensor> Weights => _weights;
    public IReadOnlyList<Tensor> Biases => _biases;
    public IReadOnlyList<IActivation> Activations => _activations;

    /// <summary>The forward pass on a batch X (N, in); remembers what <see cref="Backward"/> needs.</summary>
    public Tensor Forward(Tensor x)
    {
        _inputs = new Tensor[_weights.Length];
        _preActivations = new Tensor[_weights.Length];
        var h = x;
        for (int l = 0; l < _weights.Length; l++)
        {
            _inputs[l] = h;
            _preActivations[l] = h.matmul(_weights[l].t()) + _biases[l];   // (N, out)
            h = _activations[l].Forward(_preActivations[l]);
        }
        return h;
    }

    /// <summary>
    /// The backward pass: given dL/dŷ for the output of the last <see cref="Forward"/>, every gradient by the chain rule.
    /// </summary>
    public MlpGradients Backward(Tensor gradOutput)
    {
        if (_inputs is null || _preActivations is null)
            throw new InvalidOperationException("Call Forward before Backward: the backward pass reuses the forward pass's values.");
        var weightGrads = new Tensor[_weights.Length];
        var biasGrads = new Tensor[_weights.Length];
        var gradH = gradOutput;
        for (int l = _weights.Length - 1; l >= 0; l--)
        {
            var delta = _activations[l].Backward(_preActivations[l], gradH);   // dL/dZ, (N, out)
            weightGrads[l] = delta.t().matmul(_inputs[l]);                     // (out, in)
            biasGrads[l] = delta.sum(0L);                                     // (out)
            gradH = delta.matmul(_weights[l]);                                // dL/dX of this layer, (N, in)
        }
        return new MlpGradients(weightGrads, biasGrads, gradH);
    }

    /// <summary>Gradient descent: W ← W − lr·dL/dW, b ← b − lr·dL/db, in place.</summary>
    public void Step(MlpGradients gradients, double learningRate)
    {
        for (int l = 0; l < _weights.Length; l++)
        {
            _weights[l].add_(gradients.Weights[l], alpha: -learningRate);
            _biases[l].add_(gradients.Biases[l], alpha: -learningRate);
        }
    }

    /// <summary>
    /// One full training step on a batch: forward, the loss's hand-written gradient, backward, update. Returns the loss.
    /// </summary>
    public double TrainStep(Tensor x, Tensor y, Losses.ILoss loss, double learningRate)
    {
        using var scope = NewDisposeScope();
        var yHat = Forward(x);
        double value = loss.Forward(yHat, y).item<double>();
        Step(Backward(loss.Backward(yHat, y)), learningRate);
        _inputs = _preActivations = null;   // disposed with the scope
        return value;
    }

    /// <summary>
    /// The concise TorchSharp model with the same weights: <c>Sequential(Linear, σ, Linear, σ, …)</c>, layers named
    /// "linear0", "act0", … Its autograd gradients equal <see cref="Backward"/>'s.
    /// </summary>
    public nn.Module<Tensor, Tensor> ToSequential()
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < _weights.Length; l++)
        {
            var linear = nn.Linear(_weights[l].shape[1], _weights[l].shape[0], dtype: _weights[l].dtype);
            using (no_grad())
            {
                linear.weight!.copy_(_weights[l]);
                linear.bias!.copy_(_biases[l]);
            }
            layers.Add(($"linear{l}", linear));
            layers.Add(($"act{l}", _activations[l].ToModule()));
        }
        return nn.Sequential(layers);
    }
}
