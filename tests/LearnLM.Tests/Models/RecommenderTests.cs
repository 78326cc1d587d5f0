using LearnLM.Models.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class RecommenderTests(ITestOutputHelper output)
{
    [Fact]
    public void Ranking_metrics_match_hand_computed_values()
    {
        Assert.Equal(0, RankingMetrics.RankOf([0.9, 0.1, 0.5], target: 0));
        Assert.Equal(2, RankingMetrics.RankOf([0.1, 0.9, 0.5], target: 0));
        Assert.Equal(2, RankingMetrics.RankOf([0.5, 0.5, 0.5], target: 0)); // ties count against the target
        Assert.Equal(1.0, RankingMetrics.Ndcg(0, 10));
        Assert.Equal(0.5, RankingMetrics.Ndcg(2, 10), 12);                  // 1 / log2(4)
        Assert.Equal(0.0, RankingMetrics.Ndcg(10, 10));
        Assert.Equal(1.0, RankingMetrics.HitRate(9, 10));
        Assert.Equal(0.0, RankingMetrics.HitRate(10, 10));
    }

    [Fact]
    public void Leave_one_out_holds_out_each_users_latest_item_among_unseen_candidates()
    {
        Rating[] log = [new(1, 1, 1, 10), new(1, 2, 1, 30), new(1, 3, 1, 20), new(2, 4, 1, 5), new(2, 1, 1, 6), new(3, 2, 1, 1), new(3, 9, 1, 2)];
        var split = LeaveOneOut.Split(log, candidates: 3, seed: 1);
        Assert.Equal([(1, 1), (1, 3), (2, 4), (3, 2)], split.Train.OrderBy(p => p).ToArray());
        Assert.Equal([1, 2, 3], split.Test.Select(t => t.User).ToArray());
        var (user, items) = split.Test[0];
        Assert.Equal(2, items[0]);
        Assert.Equal(4, items.Length);
        Assert.All(items[1..], item => Assert.DoesNotContain(item, new[] { 1, 2, 3 }));
        // A scorer that knows the answer is perfect; one that ranks it last scores zero.
        Assert.Equal((1.0, 1.0), split.Evaluate((u, c) => c.Select((_, i) => i == 0 ? 1.0 : 0.0).ToArray(), k: 1));
        Assert.Equal((0.0, 0.0), split.Evaluate((u, c) => c.Select((_, i) => i == 0 ? 0.0 : 1.0).ToArray(), k: 3));
        // Asking for more candidates than a user has unseen items is refused, not looped on forever.
        Assert.Contains("fewer", Assert.Throws<ArgumentException>(() => LeaveOneOut.Split(log, candidates: 7)).Message);
    }

    [Fact]
    public void Matrix_factorisation_beats_the_global_mean_and_bias_baselines_on_ml100k_u1()
    {
        ContendedCpu.UseOneThread();
        var train = MovieLensFiles.Read("u1.base");
        var test = MovieLensFiles.Read("u1.test");
        double mean = train.Average(r => r.Value);
        var baseline = BiasBaseline.Fit(train);
        double meanRmse = RatingMetrics.Rmse(test, _ => mean);
        double biasRmse = RatingMetrics.Rmse(test, r => baseline.Predict(r.User, r.Item));

        manual_seed(30);
        var model = new MatrixFactorization(users: 944, items: 1683, factors: 32, globalMean: mean);
        var pairs = tensor(train.SelectMany(r => new long[] { r.User, r.Item }).ToArray()).view(-1, 2);
        var ratings = tensor(train.Select(r => r.Value).ToArray());
        model.Fit(pairs, ratings, epochs: 12, learningRate: 5e-3, l2: 0.05, batchSize: 1024, generator: new Generator(31));
        float[] predicted;
        using (no_grad())
            predicted = model.call(tensor(test.SelectMany(r => new long[] { r.User, r.Item }).ToArray()).view(-1, 2)).clamp(1, 5).data<float>().ToArray();
        double mfRmse = Math.Sqrt(test.Select((r, i) => Math.Pow(predicted[i] - r.Value, 2)).Average());
        output.WriteLine($"RMSE on u1.test: global mean {meanRmse:F4}, user/item biases {biasRmse:F4}, matrix factorisation {mfRmse:F4}");
        Assert.True(biasRmse < meanRmse);
        Assert.True(mfRmse < biasRmse, $"MF {mfRmse:F4} vs bias baseline {biasRmse:F4}");
    }

    [Fact]
    public void Neural_cf_beats_popularity_in_hit_rate_and_ndcg_at_10_leave_one_out()
    {
        ContendedCpu.UseOneThread();
        var split = LeaveOneOut.Split(MovieLensFiles.Read("u.data"), candidates: 99, seed: 40);
        var popularity = split.Train.GroupBy(p => p.Item).ToDictionary(g => g.Key, g => (double)g.Count());
        var (popularHr, popularNdcg) = split.Evaluate((_, items) => items.Select(i => popularity.GetValueOrDefault(i)).ToArray());

        manual_seed(41);
        var model = new NeuralCollaborativeFiltering(users: 944, items: split.Items, factors: 16);
        var optimizer = optim.Adam(model.parameters(), 2e-3);
        var sampler = new NegativeSampler(split.Train, split.Items, seed: 42);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            var examples = sampler.WithNegatives(split.Train, perPositive: 4);
            new Random(epoch).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(examples));
            var pairs = tensor(examples.SelectMany(e => new long[] { e.User, e.Item }).ToArray()).view(-1, 2);
            var labels = tensor(examples.Select(e => e.Label).ToArray());
            for (long start = 0; start < pairs.shape[0]; start += 1024)
            {
                using var scope = NewDisposeScope();
                long size = Math.Min(1024, pairs.shape[0] - start);
                optimizer.zero_grad();
                nn.functional.binary_cross_entropy_with_logits(model.call(pairs.narrow(0, start, size)), labels.narrow(0, start, size)).backward();
                optimizer.step();
            }
        }
        model.eval();
        (double Hr, double Ndcg) ncf;
        using (no_grad())
            ncf = split.Evaluate((user, items) =>
            {
                using var scope = NewDisposeScope();
                var pairs = stack([full(items.Length, user, dtype: int64), tensor(items.Select(i => (long)i).ToArray())], dim: 1);
                return model.call(pairs).to_type(float64).data<double>().ToArray();
            });
        output.WriteLine($"leave-one-out, 99 negatives: popularity HR@10 {popularHr:F3} NDCG@10 {popularNdcg:F3}; NeuMF HR@10 {ncf.Hr:F3} NDCG@10 {ncf.Ndcg:F3}");
        Assert.True(ncf.Hr > popularHr, $"NCF HR@10 {ncf.Hr:F3} vs popularity {popularHr:F3}");
        Assert.True(ncf.Ndcg > popularNdcg, $"NCF NDCG@10 {ncf.Ndcg:F3} vs popularity {popularNdcg:F3}");
    }
}
