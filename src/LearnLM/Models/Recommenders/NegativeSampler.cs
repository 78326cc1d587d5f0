namespace LearnLM.Models.Recommenders;

/// <summary>
/// Implicit feedback has only positives (chapter 12): what a user did not touch may be unseen, not disliked.
/// Training samples, for each observed (user, item), a few items the user never touched as presumed negatives,
/// afresh each epoch.
/// </summary>
public sealed class NegativeSampler
{
    readonly Dictionary<int, HashSet<int>> _seen;
    readonly int _items;
    readonly Random _random;

    /// <param name="items">Item ids are 0 … items-1 (id 0 may be unused).</param>
    public NegativeSampler(IEnumerable<(int User, int Item)> interactions, int items, int seed = 0)
    {
        _seen = interactions.GroupBy(p => p.User).ToDictionary(g => g.Key, g => g.Select(p => p.Item).ToHashSet());
        _items = items;
        _random = new Random(seed);
    }

    public bool HasSeen(int user, int item) => _seen.TryGetValue(user, out var items) && items.Contains(item);

    /// <summary>An item id (≥ 1) the user has not interacted with.</summary>
    public int Sample(int user)
    {
        int seen = _seen.TryGetValue(user, out var items) ? items.Count : 0;
        if (seen >= _items - 1) throw new InvalidOperationException($"User {user} has interacted with every item; no negative exists.");
        while (true)
        {
            int item = _random.Next(1, _items);
            if (!HasSeen(user, item)) return item;
        }
    }

    /// <summary>Every positive labelled 1, followed by <paramref name="perPositive"/> sampled negatives labelled 0.</summary>
    public List<(int User, int Item, float Label)> WithNegatives(IEnumerable<(int User, int Item)> positives, int perPositive)
    {
        var examples = new List<(int, int, float)>();
        foreach (var (user, item) in positives)
        {
            examples.Add((user, item, 1f));
            for (int n = 0; n < perPositive; n++) examples.Add((user, Sample(user), 0f));
        }
        return examples;
    }
}
