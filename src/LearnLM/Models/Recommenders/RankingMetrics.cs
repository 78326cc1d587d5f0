namespace LearnLM.Models.Recommenders;

/// <summary>
/// Top-k ranking metrics for one held-out item per user (chapter 12). The held-out item is ranked among
/// sampled candidates; rank 0 is the top of the list.
/// </summary>
public static class RankingMetrics
{
    /// <summary>The 0-based position of <paramref name="target"/>'s score among <paramref name="scores"/>,
    /// counting ties against the target (the pessimistic rank, so a constant scorer gets no credit).</summary>
    public static int RankOf(IReadOnlyList<double> scores, int target)
    {
        double score = scores[target];
        int rank = 0;
        for (int i = 0; i < scores.Count; i++)
            if (i != target && scores[i] >= score) rank++;
        return rank;
    }

    /// <summary>1 if the item is in the top <paramref name="k"/>, else 0.</summary>
    public static double HitRate(int rank, int k) => rank < k ? 1 : 0;

    /// <summary>Normalised discounted cumulative gain with one relevant item: 1/log₂(rank + 2) inside the top k, else 0.
    /// The ideal list puts it at rank 0, where the gain is 1, so no further normalisation is needed.</summary>
    public static double Ndcg(int rank, int k) => rank < k ? 1 / Math.Log2(rank + 2) : 0;
}
