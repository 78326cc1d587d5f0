namespace LearnLM.Models.Recommenders;

/// <summary>
/// The leave-one-out protocol of NCF (chapter 12): each user's latest interaction is held out; at test time it
/// is ranked among <c>candidates</c> items the user never touched, and HR@k and NDCG@k are averaged over users.
/// </summary>
public sealed class LeaveOneOut
{
    /// <summary>Every interaction except each user's latest.</summary>
    public required IReadOnlyList<(int User, int Item)> Train { get; init; }

    /// <summary>Per user: the held-out item first, then the sampled negatives.</summary>
    public required IReadOnlyList<(int User, int[] Items)> Test { get; init; }

    public required int Items { get; init; }

    public static LeaveOneOut Split(IReadOnlyList<Rating> interactions, int candidates = 99, int seed = 0)
    {
        int items = interactions.Max(r => r.Item) + 1;
        var train = new List<(int, int)>();
        var latest = new List<(int User, int Item)>();
        foreach (var user in interactions.GroupBy(r => r.User).OrderBy(g => g.Key))
        {
            // Ties in time are broken by item id, so the split does not depend on the file's order.
            var ordered = user.OrderBy(r => r.Timestamp).ThenBy(r => r.Item).ToList();
            if (ordered.Count < 2) continue; // a user with one interaction has nothing left to learn from
            latest.Add((user.Key, ordered[^1].Item));
            train.AddRange(ordered.Take(ordered.Count - 1).Select(r => (r.User, r.Item)));
        }
        var sampler = new NegativeSampler(interactions.Select(r => (r.User, r.Item)), items, seed);
        var test = latest.Select(p =>
        {
            var negatives = new HashSet<int>();
            while (negatives.Count < candidates) negatives.Add(sampler.Sample(p.User));
            return (p.User, (int[])[p.Item, .. negatives]);
        }).ToList();
        return new LeaveOneOut { Train = train, Test = test, Items = items };
    }

    /// <summary>Mean HR@k and NDCG@k of a scorer that rates a user's candidate items (higher: recommend first).</summary>
    public (double HitRate, double Ndcg) Evaluate(Func<int, int[], double[]> score, int k = 10)
    {
        double hits = 0, gain = 0;
        foreach (var (user, items) in Test)
        {
            int rank = RankingMetrics.RankOf(score(user, items), target: 0);
            hits += RankingMetrics.HitRate(rank, k);
            gain += RankingMetrics.Ndcg(rank, k);
        }
        return (hits / Test.Count, gain / Test.Count);
    }
}
