namespace LearnLM.Models.Recommenders;

/// <summary>
/// The baseline every recommender must beat (chapter 12): r̂(u, i) = μ + b_u + b_i, with item biases the damped
/// mean of their ratings' offsets from μ, and user biases the damped mean of what remains. Damping
/// (adding <c>damping</c> phantom ratings of μ) pulls the biases of users and items with few ratings towards 0.
/// </summary>
public sealed class BiasBaseline
{
    public double GlobalMean { get; }
    readonly Dictionary<int, double> _userBias = [], _itemBias = [];

    BiasBaseline(double globalMean) => GlobalMean = globalMean;

    public static BiasBaseline Fit(IReadOnlyList<Rating> ratings, double damping = 10)
    {
        if (ratings.Count == 0) throw new ArgumentException("Cannot fit a baseline to no ratings.", nameof(ratings));
        var baseline = new BiasBaseline(ratings.Average(r => r.Value));
        foreach (var group in ratings.GroupBy(r => r.Item))
            baseline._itemBias[group.Key] = group.Sum(r => r.Value - baseline.GlobalMean) / (damping + group.Count());
        foreach (var group in ratings.GroupBy(r => r.User))
            baseline._userBias[group.Key] = group.Sum(r => r.Value - baseline.GlobalMean - baseline.ItemBias(r.Item)) / (damping + group.Count());
        return baseline;
    }

    /// <summary>0 for an item never seen in training.</summary>
    public double ItemBias(int item) => _itemBias.GetValueOrDefault(item);
    public double UserBias(int user) => _userBias.GetValueOrDefault(user);
    public double Predict(int user, int item) => GlobalMean + UserBias(user) + ItemBias(item);
}
