using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>
/// One model's training step on a fixed random batch: forward, loss, backward, optimizer step. The same models,
/// shapes and batch sizes are defined in bench/peers/torch_bench.py, so the two sides time the same work.
/// </summary>
/// <param name="ForwardFlops">Multiply-adds ×2 of one forward pass; a training step is counted as 3× that
/// (backward costs about twice the forward: gradients for inputs and for weights).</param>
public sealed record TrainingCase(string Name, string Shape, Func<nn.Module<Tensor, Tensor>> Model, Func<Tensor> Input, Func<Tensor> Target, double ForwardFlops, bool Regression = false)
{
    public double StepFlops => 3 * ForwardFlops;

    /// <summary>Cross-entropy for classifiers (logits (…, C) against class indices), MSE for the regression case.</summary>
    public Tensor Loss(Tensor output, Tensor target) => Regression
        ? nn.functional.mse_loss(output, target)
        : nn.functional.cross_entropy(output.reshape(-1, output.shape[^1]), target.reshape(-1));

    public static IReadOnlyList<TrainingCase> All() =>
    [
        Mlp(), CifarCnn(), Lstm(), TransformerBlock(), MiniGpt(),
    ];

    // MLP 784-256-256-10, batch 128 (chapter 3's network at Fashion-MNIST size).
    static TrainingCase Mlp()
    {
        const int B = 128;
        return new("MLP", "784-256-256-10, batch 128",
            () => nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)),
            () => randn(B, 784), () => randint(0, 10, B),
            2.0 * B * (784 * 256 + 256 * 256 + 256 * 10));
    }

    // The course's CIFAR CNN: conv 32 → pool → conv 64 → pool → dense 64 → 10, 3×3 valid convs, batch 64.
    static TrainingCase CifarCnn()
    {
        const int B = 64;
        double flops = 2.0 * B * (32 * 30 * 30 * 3 * 9 + 64 * 13 * 13 * 32 * 9 + 64 * 6 * 6 * 64 + 64 * 10);
        return new("CIFAR CNN", "conv32-pool-conv64-pool-fc64-10, 3×32×32, batch 64",
            () => nn.Sequential(
                nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(64 * 6 * 6, 64), nn.ReLU(), nn.Linear(64, 10)),
            () => randn(B, 3, 32, 32), () => randint(0, 10, B), flops);
    }

    // Embedding 5000×64 → LSTM(64→128) over 50 steps → linear to 2 classes, batch 64.
    static TrainingCase Lstm()
    {
        const int B = 64, T = 50, E = 64, H = 128;
        return new("LSTM classifier", "vocab 5000, emb 64, hidden 128, 50 steps, batch 64",
            () => new LstmClassifier(5000, E, H, 2),
            () => randint(0, 5000, [B, T]), () => randint(0, 2, B),
            2.0 * B * T * 4 * H * (E + H) + 2.0 * B * H * 2);
    }

    // One Transformer encoder layer, d=128, 4 heads, feed-forward 512, 64 tokens, batch 32; loss on a linear readout.
    static TrainingCase TransformerBlock()
    {
        const int B = 32, T = 64, D = 128, F = 512;
        return new("Transformer block", "d 128, 4 heads, ff 512, 64 tokens, batch 32",
            () => new EncoderBlockRegressor(D, 4, F),
            () => randn(T, B, D), () => randn(T, B, D),
            BlockFlops(B, T, D, F), Regression: true);
    }

    // Decoder-only GPT: vocab 65 (characters), d 128, 4 layers, 4 heads, context 64, batch 32.
    static TrainingCase MiniGpt()
    {
        const int B = 32, T = 64, D = 128, V = 65, L = 4;
        return new("mini GPT", "vocab 65, d 128, 4 layers × 4 heads, context 64, batch 32",
            () => new GptLike(V, D, L, 4, T),
            () => randint(0, V, [B, T]), () => randint(0, V, [B, T]),
            L * BlockFlops(B, T, D, 4 * D) + 2.0 * B * T * D * V);
    }

    // Q, K, V and output projections; QKᵀ and AV; the two feed-forward matrices.
    static double BlockFlops(int b, int t, int d, int f) =>
        2.0 * b * t * d * d * 4 + 2.0 * b * t * t * d * 2 + 2.0 * b * t * d * f * 2;

    sealed class LstmClassifier : nn.Module<Tensor, Tensor>
    {
        readonly Embedding embedding; readonly LSTM lstm; readonly Linear head;
        public LstmClassifier(int vocab, int emb, int hidden, int classes) : base(nameof(LstmClassifier))
        {
            embedding = nn.Embedding(vocab, emb); lstm = nn.LSTM(emb, hidden, batchFirst: true); head = nn.Linear(hidden, classes);
            RegisterComponents();
        }
        public override Tensor forward(Tensor tokens)
        {
            var (output, _, _) = lstm.call(embedding.call(tokens));   // (B, T, H)
            return head.call(output.select(1, -1));                  // last step: no padding in this benchmark
        }
    }

    sealed class EncoderBlockRegressor : nn.Module<Tensor, Tensor>
    {
        readonly TransformerEncoderLayer block;
        public EncoderBlockRegressor(int d, int heads, int ff) : base(nameof(EncoderBlockRegressor))
        {
            block = nn.TransformerEncoderLayer(d, heads, ff, dropout: 0.0);
            RegisterComponents();
        }
        public override Tensor forward(Tensor x) => block.call(x);   // (T, B, D)
    }

    sealed class GptLike : nn.Module<Tensor, Tensor>
    {
        readonly Embedding tokens, positions; readonly TransformerEncoder blocks; readonly LayerNorm norm; readonly Linear head;
        readonly Tensor causal;
        public GptLike(int vocab, int d, int layers, int heads, int context) : base(nameof(GptLike))
        {
            tokens = nn.Embedding(vocab, d); positions = nn.Embedding(context, d);
            blocks = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, 4 * d, dropout: 0.0), layers);
            norm = nn.LayerNorm(d); head = nn.Linear(d, vocab, hasBias: false);
            causal = torch.triu(torch.full(context, context, float.NegativeInfinity), 1);
            RegisterComponents();
        }
        public override Tensor forward(Tensor idx)
        {
            long t = idx.shape[1];
            var x = tokens.call(idx) + positions.call(arange(t));          // (B, T, D)
            x = blocks.call(x.transpose(0, 1), causal).transpose(0, 1);     // blocks want (T, B, D)
            return head.call(norm.call(x));                                 // (B, T, V)
        }
    }
}
