using System.Text.RegularExpressions;
using LearnLM.Tests.Common;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

/// <summary>
/// The labelled IMDb sentences (sentence TAB label), shuffled with a fixed seed and split 80/20, lower-cased
/// words indexed by the training split (0 = pad, 1 = unknown). A test-local reader until the data loaders land.
/// </summary>
sealed partial class SentimentSplit
{
    public required Tensor TrainTokens, TrainLabels, TestTokens, TestLabels;
    public required int VocabularySize;

    [GeneratedRegex("[a-z0-9']+")] private static partial Regex Word();

    public static SentimentSplit Load(int maxLength = 40)
    {
        string path = Path.Combine(SharedData.Require("sentiment-labelled-sentences"), "imdb_labelled.txt");
        var rows = File.ReadAllLines(path)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .Select(parts => (Words: Word().Matches(parts[0].ToLowerInvariant()).Select(m => m.Value).ToArray(), Label: long.Parse(parts[1].Trim())))
            .ToArray();
        new Random(42).Shuffle(rows);
        int trainCount = rows.Length * 4 / 5;
        var vocabulary = new Dictionary<string, long>();
        foreach (var word in rows[..trainCount].SelectMany(r => r.Words))
            vocabulary.TryAdd(word, vocabulary.Count + 2);

        Tensor Encode(IEnumerable<(string[] Words, long Label)> part)
        {
            var list = part.ToList();
            var ids = new long[list.Count, maxLength];
            for (int i = 0; i < list.Count; i++)
                for (int t = 0; t < Math.Min(maxLength, list[i].Words.Length); t++)
                    ids[i, t] = vocabulary.GetValueOrDefault(list[i].Words[t], 1);
            return tensor(ids);
        }
        return new SentimentSplit
        {
            TrainTokens = Encode(rows[..trainCount]),
            TrainLabels = tensor(rows[..trainCount].Select(r => r.Label).ToArray()),
            TestTokens = Encode(rows[trainCount..]),
            TestLabels = tensor(rows[trainCount..].Select(r => r.Label).ToArray()),
            VocabularySize = vocabulary.Count + 2,
        };
    }

    /// <summary>Accuracy of always predicting the training split's most common label.</summary>
    public double MajorityBaseline()
    {
        long majority = TrainLabels.to_type(float32).mean().item<float>() >= 0.5 ? 1 : 0;
        return TestLabels.eq(majority).to_type(float32).mean().item<float>();
    }

    /// <summary>Trains <paramref name="model"/> with Adam on mini-batches; returns its test accuracy.</summary>
    public double TrainAndTest(TorchSharp.torch.nn.Module<Tensor, Tensor> model, int epochs, double lr, int batchSize = 32, double weightDecay = 0)
    {
        var optimizer = optim.AdamW(model.parameters(), lr, weight_decay: weightDecay);
        var generator = new Generator(7);
        long count = TrainTokens.shape[0];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            using var order = randperm(count, generator: generator);
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(batchSize, count - start));
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.call(TrainTokens.index_select(0, batch)), TrainLabels.index_select(0, batch)).backward();
                optimizer.step();
            }
        }
        model.eval();
        using var noGrad = no_grad();
        return model.call(TestTokens).argmax(1).eq(TestLabels).to_type(float32).mean().item<float>();
    }
}
