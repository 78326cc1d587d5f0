using System.Diagnostics;
using LearnLM.Data.Batching;
using LearnLM.Data.Loaders;
using LearnLM.Data.Tokenizers;
using LearnLM.Models.Gpt;
using static TorchSharp.torch;

namespace LearnLM.Bench;

/// <summary>
/// tinyshakespeare under a fixed time budget (chapter 11 at full size): a character-level MiniGpt trained for
/// <c>budget</c>, then its validation loss against the unigram entropy, and a seeded sample.
/// </summary>
public static class GptBudgetBenchmark
{
    public static IEnumerable<object> Run(TimeSpan budget)
    {
        var (text, source) = TinyShakespeare.Load();
        var (train, valid) = TextCorpus.Split(text, 0.9);
        var tokenizer = CharTokenizer.Fit(text);
        var config = new GptConfig(VocabularySize: tokenizer.VocabSize, BlockSize: 128, Layers: 4, Heads: 4, EmbeddingSize: 128);
        var (x, y) = TextWindows.Create(tokenizer.Encode(train), (int)config.BlockSize, stride: 32);
        var (vx, vy) = TextWindows.Create(tokenizer.Encode(valid), (int)config.BlockSize);

        manual_seed(0);
        var model = new MiniGpt(config);
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-3);
        var random = new Generator(0);
        var clock = Stopwatch.StartNew();
        int steps = 0;
        while (clock.Elapsed < budget)
        {
            using var scope = NewDisposeScope();
            var batch = randint(0, x.shape[0], [32], generator: random);
            optimizer.zero_grad();
            model.Loss(x.index_select(0, batch), y.index_select(0, batch)).backward();
            optimizer.step();
            steps++;
        }
        model.eval();
        double validLoss;
        using (no_grad())
        using (NewDisposeScope())
        {
            int n = (int)Math.Min(vx.shape[0], 256);
            validLoss = model.Loss(vx.narrow(0, 0, n), vy.narrow(0, 0, n)).item<float>();
        }
        // The unigram entropy: the loss of a model that knows only how often each character occurs.
        double entropy = -text.GroupBy(c => c).Select(g => (double)g.Count() / text.Length).Sum(p => p * Math.Log(p));
        string sample;
        using (no_grad())
            sample = tokenizer.Decode(model.Generate(tensor(tokenizer.Encode("ROMEO:").Select(i => (long)i).ToArray()).unsqueeze(0), 200, temperature: 0.8, topK: 10, seed: 1)[0].data<long>().Select(i => (int)i));
        Console.WriteLine($"tinyshakespeare MiniGpt: {steps} steps in {clock.Elapsed.TotalMinutes:F1} min, validation loss {validLoss:F3} nats (unigram entropy {entropy:F3})");
        Console.WriteLine(sample);
        yield return new { kind = "quality", name = $"tinyshakespeare MiniGpt (4×128, context 128), {budget.TotalMinutes:F0}-min budget",
            value = $"validation loss {validLoss:F3} nats after {steps} steps (unigram entropy {entropy:F3}); sample: {sample.Replace("\n", " ⏎ ").Replace("|", "\\|")}" };
    }
}
