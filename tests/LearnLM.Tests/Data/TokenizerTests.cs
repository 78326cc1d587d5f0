using System.Text;
using LearnLM.Data.Tokenizers;

namespace LearnLM.Tests.Data;

public sealed class TokenizerTests
{
    [Fact]
    public void Characters_map_to_ids_in_ordinal_order_and_back()
    {
        var tokenizer = CharTokenizer.Fit("hello world");
        Assert.Equal(" dehlorw", new string(tokenizer.Vocabulary.ToArray()));
        Assert.Equal([3, 2, 4, 4, 5], tokenizer.Encode("hello"));
        Assert.Equal("lower hold", tokenizer.Decode(tokenizer.Encode("lower hold")));
        Assert.Contains("'z'", Assert.Throws<ArgumentException>(() => tokenizer.Encode("zz")).Message);
    }

    [Fact]
    public void The_word_vocabulary_keeps_pad_unk_then_frequent_words()
    {
        var tokenizer = WordTokenizer.Fit(["The cat sat.", "the CAT ran", "a dog"], minFrequency: 2);
        Assert.Equal(["<pad>", "<unk>", "cat", "the"], tokenizer.Vocabulary);
        Assert.Equal([3, 2, 1, 1], tokenizer.Encode("the cat sat ."));
        Assert.Equal("the cat <unk>", tokenizer.Decode([3, 2, 1, 0, 0]));
        var capped = WordTokenizer.Fit(["b b b a a c"], maxSize: 3);
        Assert.Equal(["<pad>", "<unk>", "b"], capped.Vocabulary);
        Assert.Equal(["don't", "stop", "!"], WordTokenizer.Split("Don't stop!"));
    }

    [Fact]
    public void Bpe_training_reproduces_the_classic_worked_example()
    {
        // The textbook example "aaabdaaabac": merge aa→Z, then ab→Y, then ZY→X, leaving X d X a c.
        var tokenizer = BpeTokenizer.Train("aaabdaaabac", vocabSize: 300);
        int a = 'a', b = 'b';
        Assert.Equal([(a, a), (a, b), (256, 257)], tokenizer.Merges);
        Assert.Equal([258, 'd', 258, 'a', 'c'], tokenizer.Encode("aaabdaaabac"));
        Assert.Equal("aaab", Encoding.UTF8.GetString(tokenizer.BytesOf(258)));
    }

    [Fact]
    public void Bpe_round_trips_any_text_and_compresses_what_it_was_trained_on()
    {
        string corpus = string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 40));
        var tokenizer = BpeTokenizer.Train(corpus, vocabSize: 300);
        // Training stops early once every repeated chunk is a single token: a word with its leading space is one id.
        Assert.InRange(tokenizer.VocabSize, 257, 300);
        Assert.Equal(3, tokenizer.Encode(" quick brown fox").Length);
        var ids = tokenizer.Encode(corpus);
        Assert.True(ids.Length < Encoding.UTF8.GetByteCount(corpus) / 3, $"{ids.Length} tokens for {corpus.Length} bytes");
        foreach (string text in new[] { corpus, "unseen wörds, ünïcode ✓ and 123 numbers\n\n  spaces", "" })
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
    }

    [Fact]
    public void Bpe_merges_survive_a_save_and_load()
    {
        var tokenizer = BpeTokenizer.Train("low lower lowest newer newest wider", vocabSize: 280, minFrequency: 2);
        string path = Path.Combine(Path.GetTempPath(), $"learnlm-bpe-{Guid.NewGuid():N}.txt");
        try
        {
            tokenizer.Save(path);
            var loaded = BpeTokenizer.Load(path);
            Assert.Equal(tokenizer.Merges, loaded.Merges);
            Assert.Equal(tokenizer.Encode("slowest newer"), loaded.Encode("slowest newer"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Bpe_training_matches_a_plain_recount_every_merge_reference()
    {
        string corpus = "It was the best of times, it was the worst of times; the age of wisdom, the age of foolishness. ";
        corpus = string.Concat(Enumerable.Repeat(corpus, 3)) + "Ünïcode ünïcode 1999 1999!";
        Assert.Equal(ReferenceMerges(corpus, 330), BpeTokenizer.Train(corpus, vocabSize: 330).Merges);
    }

    // The textbook algorithm, slow and obvious: recount all adjacent pairs of every chunk before each merge.
    static List<(int, int)> ReferenceMerges(string corpus, int vocabSize)
    {
        var chunks = System.Text.RegularExpressions.Regex.Matches(corpus, @" ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")
            .Select(m => Encoding.UTF8.GetBytes(m.Value).Select(b => (int)b).ToList()).ToList();
        var merges = new List<(int, int)>();
        for (int next = 256; next < vocabSize; next++)
        {
            var counts = chunks.SelectMany(t => t.Zip(t.Skip(1))).GroupBy(p => p).Select(g => (Pair: g.Key, Count: g.Count())).ToList();
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(p => p.Count).ThenBy(p => p.Pair.First).ThenBy(p => p.Pair.Second).First();
            if (best.Count < 2) break;
            merges.Add(best.Pair);
            foreach (var tokens in chunks)
                for (int i = 0; i + 1 < tokens.Count; i++)
                    if ((tokens[i], tokens[i + 1]) == best.Pair) { tokens[i] = next; tokens.RemoveAt(i + 1); }
        }
        return merges;
    }
}
