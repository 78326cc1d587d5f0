using LearnLM.Models.Attention;
using LearnLM.Models.Convolution;
using LearnLM.Models.Recurrent;
using LearnLM.Scratch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>
/// The library's from-scratch pieces against TorchSharp's built-ins, at sizes a student would use, float32.
/// Forward and backward are timed together: each side computes the gradients of the same upstream gradient (or,
/// for losses, of the loss) with respect to the same tensors; optimizers are timed per step.
/// </summary>
public static class ScratchCases
{
    public static IEnumerable<ScratchCase> All()
    {
        yield return Mlp();
        yield return Convolution(batch: 64, inChannels: 1, size: 28, outChannels: 8, inputNeedsGrad: false);
        yield return Convolution(batch: 64, inChannels: 32, size: 15, outChannels: 64, inputNeedsGrad: true);
        yield return MaxPool(batch: 64, channels: 8, size: 26);
        yield return MaxPool(batch: 64, channels: 32, size: 30);
        yield return Lstm();
        yield return Attention();
        yield return MultiHead();
        yield return CrossEntropy(rows: 64, classes: 10, "batch 64, 10 classes");
        yield return CrossEntropy(rows: 2048, classes: 65, "2048 rows (32 × 64 tokens), 65 characters");
        foreach (var optimizer in Optimizers()) yield return optimizer;
    }

    // Chapter 3's hand-written MLP against nn.Sequential + autograd; both also return dL/dx, as the manual one does.
    static ScratchCase Mlp()
    {
        manual_seed(1);
        var manual = ManualMlp.Create([784, 256, 10], new Activations.ReLU(), new Activations.Identity(), seed: 1, dtype: float32);
        var sequential = manual.ToSequential();
        var x = randn(64, 784);
        var xWithGrad = x.clone().requires_grad_();
        var upstream = randn(64, 10);   // dL/dŷ
        var parameters = sequential.parameters().Cast<Tensor>().Append(xWithGrad).ToList();
        return new("MLP forward + backward", "784-256-10 ReLU, batch 64",
            () =>
            {
                manual.Forward(x);
                var grads = manual.Backward(upstream);
                return [.. grads.Weights.Zip(grads.Biases).SelectMany(p => new[] { p.First, p.Second }), grads.Input];
            },
            () => autograd.grad([sequential.call(xWithGrad)], parameters, [upstream]));
    }

    // Windows by unfold, then one einsum (which materialises the (B, C, OH, OW, kH, kW) windows), against oneDNN's conv2d.
    static ScratchCase Convolution(int batch, int inChannels, int size, int outChannels, bool inputNeedsGrad)
    {
        manual_seed(2);
        var x = randn(batch, inChannels, size, size).requires_grad_(inputNeedsGrad);
        var weight = (randn(outChannels, inChannels, 3, 3) / Math.Sqrt(inChannels * 9)).requires_grad_();
        var bias = zeros(outChannels).requires_grad_();
        var upstream = randn(batch, outChannels, size - 2, size - 2);
        Tensor[] wrt = inputNeedsGrad ? [x, weight, bias] : [weight, bias];
        return new("conv2d 3×3 forward + backward", $"{batch}×{inChannels}×{size}×{size}, {outChannels} filters, no padding{(inputNeedsGrad ? ", with dL/dx" : "")}",
            () => autograd.grad([ConvolutionFromScratch.Conv2d(x, weight, bias)], wrt, [upstream]),
            () => autograd.grad([nn.functional.conv2d(x, weight, bias)], wrt, [upstream]));
    }

    // The max over each unfolded window (amax), against max_pool2d with its saved indices.
    static ScratchCase MaxPool(int batch, int channels, int size)
    {
        manual_seed(3);
        var x = randn(batch, channels, size, size).requires_grad_();
        var upstream = randn(batch, channels, size / 2, size / 2);
        return new("max-pool 2×2 forward + backward", $"{batch}×{channels}×{size}×{size}",
            () => autograd.grad([ConvolutionFromScratch.MaxPool2d(x, 2)], [x], [upstream]),
            () => autograd.grad([nn.functional.max_pool2d(x, 2)], [x], [upstream]));
    }

    // LstmCell's gates one time step at a time against nn.LSTM's fused loop, with the same weights.
    static ScratchCase Lstm()
    {
        const int B = 32, T = 40, I = 32, H = 64;
        manual_seed(4);
        var reference = nn.LSTM(I, H, batchFirst: true);
        var theirs = reference.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var ours = new Models.Recurrent.Lstm(I, H);
        using (no_grad())
        {
            ours.cell.weight_ih.copy_(theirs["weight_ih_l0"]);
            ours.cell.weight_hh.copy_(theirs["weight_hh_l0"]);
            ours.cell.bias_ih.copy_(theirs["bias_ih_l0"]);
            ours.cell.bias_hh.copy_(theirs["bias_hh_l0"]);
        }
        var x = randn(B, T, I).requires_grad_();   // as if from an embedding, so dL/dx is needed too
        var upstream = randn(B, T, H);
        Tensor[] ourWrt = [x, ours.cell.weight_ih, ours.cell.weight_hh, ours.cell.bias_ih, ours.cell.bias_hh];
        Tensor[] theirWrt = [x, theirs["weight_ih_l0"], theirs["weight_hh_l0"], theirs["bias_ih_l0"], theirs["bias_hh_l0"]];
        return new("LSTM forward + backward", $"batch {B}, {T} steps, input {I}, hidden {H}",
            () => autograd.grad([ours.call(x)], ourWrt, [upstream]),
            () => autograd.grad([reference.call(x).Item1], theirWrt, [upstream]));
    }

    // softmax(QKᵀ/√d)V written out against functional.scaled_dot_product_attention.
    static ScratchCase Attention()
    {
        const int B = 32, Heads = 4, T = 64, D = 16;
        manual_seed(5);
        var q = randn(B, Heads, T, D).requires_grad_();
        var k = randn(B, Heads, T, D).requires_grad_();
        var v = randn(B, Heads, T, D).requires_grad_();
        var upstream = randn(B, Heads, T, D);
        return new("scaled dot-product attention forward + backward", $"batch {B}, {Heads} heads, {T} tokens, head width {D}",
            () => autograd.grad([ScaledDotProductAttention.Attend(q, k, v).Output], [q, k, v], [upstream]),
            () => autograd.grad([nn.functional.scaled_dot_product_attention(q, k, v)], [q, k, v], [upstream]));
    }

    // MultiHeadAttention (batch-first, four Linear layers) against nn.MultiheadAttention (sequence-first, packed
    // in-projection), same weights; both return the weights averaged over heads, as the built-in does by default.
    static ScratchCase MultiHead()
    {
        const int B = 32, T = 64, E = 64, Heads = 4;
        manual_seed(6);
        var reference = nn.MultiheadAttention(E, Heads);
        var ours = new MultiHeadAttention(E, Heads);
        ours.CopyFrom(reference);
        var x = randn(B, T, E).requires_grad_();                                   // (B, T, E)
        var xSequenceFirst = x.detach().transpose(0, 1).contiguous().requires_grad_(); // (T, B, E), its own leaf
        var upstream = randn(B, T, E);
        var upstreamSequenceFirst = upstream.transpose(0, 1).contiguous();
        var ourWrt = ours.parameters().Cast<Tensor>().Prepend(x).ToList();
        var theirWrt = reference.parameters().Cast<Tensor>().Prepend(xSequenceFirst).ToList();
        return new("multi-head self-attention forward + backward", $"batch {B}, {T} tokens, width {E}, {Heads} heads",
            () => [autograd.grad([ours.call(x)], ourWrt, [upstream])[0]],
            () =>
            {
                var (output, _) = reference.call(xSequenceFirst, xSequenceFirst, xSequenceFirst, null, true, null);
                return [autograd.grad([output], theirWrt, [upstreamSequenceFirst])[0].transpose(0, 1)];
            });
    }

    // log-softmax and a one-hot product, differentiated by autograd (as the Trainer uses it), against the fused kernel.
    static ScratchCase CrossEntropy(int rows, int classes, string shape)
    {
        manual_seed(7);
        var logits = randn(rows, classes).requires_grad_();
        var targets = randint(0, classes, rows);
        var loss = new Losses.CrossEntropyLoss();
        return new("cross-entropy loss + gradient", shape,
            () => Differentiate(loss.Forward(logits, targets), logits),
            () => Differentiate(nn.functional.cross_entropy(logits, targets), logits));
    }

    static IList<Tensor> Differentiate(Tensor loss, Tensor wrt) => [loss.detach(), autograd.grad([loss], [wrt])[0]];

    // One optimizer step over the parameters of the training table's MLP (784-256-256-10, 269,322 numbers), with
    // fixed gradients; the two parameter sets start equal and take the same steps, so they stay equal.
    static IEnumerable<ScratchCase> Optimizers()
    {
        (List<Parameter> Ours, List<Parameter> Theirs) Twins()
        {
            manual_seed(8);
            var model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10));
            var theirs = model.parameters().ToList();
            var ours = theirs.Select(p => new Parameter(p.detach().clone())).ToList();
            using var scope = NewDisposeScope();
            foreach (var (mine, their) in ours.Zip(theirs))
            {
                var direction = randn_like(their);
                (their * direction).sum().backward();   // grad = direction
                (mine * direction).sum().backward();
            }
            return (ours, theirs);
        }
        const string shape = "784-256-256-10 MLP parameters (269,322)";

        var (ours, theirs) = Twins();
        var ourAdam = new Optim.Adam(ours, 1e-3);
        var theirAdam = optim.Adam(theirs, 1e-3);
        yield return new("Adam step", shape,
            () => { ourAdam.Step(); return ours.Cast<Tensor>().ToList(); },
            () => { theirAdam.step(); return theirs.Cast<Tensor>().ToList(); });

        (ours, theirs) = Twins();
        var ourSgd = new Optim.Sgd(ours, 1e-2, momentum: 0.9);
        var theirSgd = optim.SGD(theirs, 1e-2, momentum: 0.9);
        yield return new("SGD with momentum step", shape,
            () => { ourSgd.Step(); return ours.Cast<Tensor>().ToList(); },
            () => { theirSgd.step(); return theirs.Cast<Tensor>().ToList(); });
    }
}
