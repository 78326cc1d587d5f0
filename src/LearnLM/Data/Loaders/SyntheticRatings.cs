using System.Globalization;
using System.Text;

namespace LearnLM.Data.Loaders;

/// <summary>
/// The settings of <see cref="SyntheticRatings.Generate"/> (chapter 12). The defaults made the shipped sample
/// <c>datasets/samples/movielens-synthetic/u.data</c>.
/// </summary>
public sealed record SyntheticRatingsOptions
{
    public int Users { get; init; } = 500;             // ML-100K has 943
    public int Items { get; init; } = 800;             // ML-100K has 1,682
    public int Factors { get; init; } = 8;             // rank of the hidden taste model
    public int MinRatingsPerUser { get; init; } = 20;  // as in ML-100K, every user rated at least 20 movies
    public double MeanRatingsPerUser { get; init; } = 50;
    public double GlobalMean { get; init; } = 3.5;     // ML-100K's mean rating is 3.53
    public double UserBiasStd { get; init; } = 0.4;
    public double ItemBiasStd { get; init; } = 0.5;
    public double TasteStd { get; init; } = 0.8;       // spread of the user·item interaction term
    public double NoiseStd { get; init; } = 0.5;
    public double PopularitySkew { get; init; } = 0.8; // item i is picked with weight 1/(i+10)^skew: a long tail
    public int Seed { get; init; } = 100;
}

/// <summary>
/// A generated stand-in for MovieLens (chapter 12), which may not be redistributed: ratings from a latent-factor model
/// r = clamp(round(μ + b_u + b_i + s·(p_u·q_i) + ε), 1, 5) with p_u, q_i ~ N(0, I/k), s = TasteStd, biases and noise
/// normal; users rate a skewed number of distinct items drawn by a long-tailed popularity; timestamps fall in
/// ML-100K's period (Sept 1997 – April 1998). Written in exactly ML-100K's <c>u.data</c> format.
/// </summary>
public static class SyntheticRatings
{
    public const string SampleName = "movielens-synthetic";
    const long FirstTimestamp = 874_724_710, LastTimestamp = 893_286_638;

    public static RatingTable Generate(SyntheticRatingsOptions? options = null)
    {
        var o = options ?? new SyntheticRatingsOptions();
        var random = new Random(o.Seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[][] Factors(int count) => Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, o.Factors).Select(_ => Normal() / Math.Sqrt(o.Factors)).ToArray()).ToArray();

        var userTaste = Factors(o.Users);
        var itemTaste = Factors(o.Items);
        var userBias = Enumerable.Range(0, o.Users).Select(_ => o.UserBiasStd * Normal()).ToArray();
        var itemBias = Enumerable.Range(0, o.Items).Select(_ => o.ItemBiasStd * Normal()).ToArray();
        var popularity = Enumerable.Range(0, o.Items).Select(i => Math.Pow(i + 10, -o.PopularitySkew)).ToArray();

        var (users, items, values, times) = (new List<int>(), new List<int>(), new List<float>(), new List<long>());
        for (int u = 0; u < o.Users; u++)
        {
            // Activity is long-tailed too: the minimum plus an exponential share of the rest of the mean.
            int count = Math.Min(o.Items, o.MinRatingsPerUser + (int)(-(o.MeanRatingsPerUser - o.MinRatingsPerUser) * Math.Log(1 - random.NextDouble())));
            foreach (int i in DistinctByWeight(random, popularity, count))
            {
                double taste = userTaste[u].Zip(itemTaste[i], (a, b) => a * b).Sum();
                double score = o.GlobalMean + userBias[u] + itemBias[i] + o.TasteStd * taste * Math.Sqrt(o.Factors) + o.NoiseStd * Normal();
                users.Add(u + 1); items.Add(i + 1); // MovieLens ids count from 1
                values.Add((float)Math.Clamp(Math.Round(score), 1, 5));
                times.Add(FirstTimestamp + (long)(random.NextDouble() * (LastTimestamp - FirstTimestamp)));
            }
        }
        // u.data lists ratings in no particular order; shuffle so that files are not grouped by user.
        var order = Enumerable.Range(0, users.Count).ToArray();
        random.Shuffle(order);
        return new RatingTable(order.Select(r => users[r]).ToArray(), order.Select(r => items[r]).ToArray(),
            order.Select(r => values[r]).ToArray(), order.Select(r => times[r]).ToArray());
    }

    /// <summary>Writes ratings in the u.data format: user TAB item TAB rating TAB timestamp, '\n' line ends.</summary>
    public static void WriteUData(RatingTable ratings, string path)
    {
        var text = new StringBuilder();
        for (int r = 0; r < ratings.Count; r++)
            text.Append(CultureInfo.InvariantCulture, $"{ratings.Users[r]}\t{ratings.Items[r]}\t{(int)ratings.Values[r]}\t{ratings.Timestamps[r]}\n");
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The shipped sample's ratings.</summary>
    public static RatingTable LoadSample() => MovieLens100K.ReadRatings(Path.Combine(Samples.Locate(SampleName), "u.data"));

    static IEnumerable<int> DistinctByWeight(Random random, double[] weights, int count)
    {
        var chosen = new HashSet<int>();
        double total = weights.Sum();
        while (chosen.Count < count)
        {
            double target = random.NextDouble() * total;
            int i = 0;
            for (double running = weights[0]; running < target && i < weights.Length - 1; running += weights[++i]) { }
            if (chosen.Add(i)) yield return i;
        }
    }
}
