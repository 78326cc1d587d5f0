using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Recommenders;

/// <summary>
/// Matrix factorisation with biases for explicit ratings (chapter 12, Koren et al. 2009):
/// r̂(u, i) = μ + b_u + b_i + p_u · q_i. The global mean μ is fixed from the data; the biases capture generous
/// users and well-liked items, and the k-dimensional factors p_u, q_i the tastes that remain.
/// </summary>
public sealed class MatrixFactorization : nn.Module<Tensor, Tensor>
{
    public readonly Embedding userFactors, itemFactors, userBias, itemBias;
    readonly double _globalMean;

    /// <param name="users">Number of user ids (largest id + 1).</param>
    /// <param name="items">Number of item ids (largest id + 1).</param>
    /// <param name="factors">Width k of each taste vector.</param>
    /// <param name="globalMean">The mean training rating, μ.</param>
    public MatrixFactorization(long users, long items, long factors = 32, double globalMean = 0) : base(nameof(MatrixFactorization))
    {
        userFactors = nn.Embedding(users, factors);
        itemFactors = nn.Embedding(items, factors);
        userBias = nn.Embedding(users, 1);
        itemBias = nn.Embedding(items, 1);
        _globalMean = globalMean;
        using (no_grad())
        {
            // Small factors: at the start every prediction is close to μ, and training grows only the tastes the data supports.
            userFactors.weight!.normal_(0, 0.01);
            itemFactors.weight!.normal_(0, 0.01);
            userBias.weight!.zero_();
            itemBias.weight!.zero_();
        }
        RegisterComponents();
    }

    /// <param name="pairs">(B, 2) int64: user id, item id.</param>
    /// <returns>Predicted ratings (B).</returns>
    public override Tensor forward(Tensor pairs)
    {
        using var scope = NewDisposeScope();
        var (users, items) = Split(pairs);
        var affinity = (userFactors.call(users) * itemFactors.call(items)).sum(1);                 // (B)
        var prediction = affinity + userBias.call(users).squeeze(1) + itemBias.call(items).squeeze(1) + _globalMean;
        return prediction.MoveToOuterDisposeScope();
    }

    /// <summary>Mean squared error plus an L2 penalty λ(‖p_u‖² + ‖q_i‖²) on the factors the batch touched.</summary>
    public Tensor Loss(Tensor pairs, Tensor ratings, double l2 = 0.05)
    {
        using var scope = NewDisposeScope();
        var (users, items) = Split(pairs);
        var penalty = userFactors.call(users).square().sum(1) + itemFactors.call(items).square().sum(1); // (B)
        var loss = nn.functional.mse_loss(call(pairs), ratings) + l2 * penalty.mean();
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Trains with Adam on shuffled mini-batches of <see cref="Loss"/>: the loop chapter 12 writes out, for callers
    /// (tests, benchmarks) that only need a fitted model.
    /// </summary>
    /// <param name="pairs">(N, 2) int64 user and item ids.</param>
    /// <param name="ratings">(N) float32 ratings.</param>
    /// <param name="generator">Shuffles the batches; the global generator when null.</param>
    public void Fit(Tensor pairs, Tensor ratings, int epochs, double learningRate = 5e-3, double l2 = 0.05, int batchSize = 1024, Generator? generator = null)
    {
        var optimizer = optim.Adam(parameters(), learningRate);
        long count = pairs.shape[0];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            using var order = randperm(count, generator: generator);
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(batchSize, count - start));
                optimizer.zero_grad();
                Loss(pairs.index_select(0, batch), ratings.index_select(0, batch), l2).backward();
                optimizer.step();
            }
        }
    }

    internal static (Tensor Users, Tensor Items) Split(Tensor pairs)
    {
        if (pairs.dim() != 2 || pairs.shape[1] != 2)
            throw new ArgumentException($"Expected (batch, 2) pairs of user and item ids; got [{string.Join(", ", pairs.shape)}].", nameof(pairs));
        return (pairs[.., 0], pairs[.., 1]);
    }
}
