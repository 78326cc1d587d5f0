using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Recommenders;

/// <summary>
/// Neural collaborative filtering, NeuMF (chapter 12, He et al. 2017), for implicit feedback: did the user
/// interact with the item? Two paths score a (user, item) pair: generalised matrix factorisation (the
/// element-wise product of user and item vectors) and an MLP over their concatenation (other vectors, so the
/// paths can learn different things). A final layer joins both into one logit; train with binary
/// cross-entropy on observed pairs (1) and sampled unobserved ones (0), see <see cref="NegativeSampler"/>.
/// </summary>
public sealed class NeuralCollaborativeFiltering : nn.Module<Tensor, Tensor>
{
    readonly Embedding gmfUsers, gmfItems, mlpUsers, mlpItems;
    readonly Sequential mlp;
    readonly Linear output;

    /// <param name="factors">Width of the GMF vectors (and of each MLP input vector).</param>
    /// <param name="hiddenLayers">MLP widths, halving as in the paper; the last one joins the output.</param>
    public NeuralCollaborativeFiltering(long users, long items, long factors = 16, long[]? hiddenLayers = null)
        : base(nameof(NeuralCollaborativeFiltering))
    {
        hiddenLayers ??= [32, 16, 8];
        gmfUsers = nn.Embedding(users, factors);
        gmfItems = nn.Embedding(items, factors);
        mlpUsers = nn.Embedding(users, factors);
        mlpItems = nn.Embedding(items, factors);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long width = 2 * factors;
        for (int i = 0; i < hiddenLayers.Length; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, hiddenLayers[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            width = hiddenLayers[i];
        }
        mlp = nn.Sequential(layers);
        output = nn.Linear(factors + width, 1);
        using (no_grad())
            foreach (var embedding in new[] { gmfUsers, gmfItems, mlpUsers, mlpItems }) embedding.weight!.normal_(0, 0.01);
        RegisterComponents();
    }

    /// <param name="pairs">(B, 2) int64: user id, item id.</param>
    /// <returns>(B) logits: higher means more likely to interact.</returns>
    public override Tensor forward(Tensor pairs)
    {
        using var scope = NewDisposeScope();
        var (users, items) = MatrixFactorization.Split(pairs);
        var gmf = gmfUsers.call(users) * gmfItems.call(items);                            // (B, f)
        var deep = mlp.call(cat([mlpUsers.call(users), mlpItems.call(items)], dim: 1));  // (B, last)
        return output.call(cat([gmf, deep], dim: 1)).squeeze(1).MoveToOuterDisposeScope();
    }
}
