using System.Text;
using System.Text.RegularExpressions;

namespace LearnLM.Data.Tokenizers;

/// <summary>
/// Byte-level byte-pair encoding, trained here on a corpus (chapter 11). Ids 0–255 are the bytes of UTF-8, so any
/// text encodes; training repeatedly merges the most frequent adjacent pair of tokens into a new token (id 256, 257,
/// …). Text is first cut into chunks — a word with its leading space, a number, a run of punctuation, spaces — and
/// merges never cross chunks, as in GPT-2. (Microsoft.ML.Tokenizers 2.0.1 can load a BPE vocabulary but has no
/// trainer, hence this one.)
/// </summary>
public sealed partial class BpeTokenizer : ITokenizer
{
    readonly List<(int Left, int Right)> _merges;
    readonly Dictionary<(int, int), int> _rank;      // pair → merge index (lower merges first)
    readonly List<byte[]> _bytes;                    // token id → its bytes
    readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    public BpeTokenizer(IEnumerable<(int Left, int Right)> merges)
    {
        _merges = [.. merges];
        _rank = new Dictionary<(int, int), int>();
        _bytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        foreach (var (left, right) in _merges)
        {
            if (left >= _bytes.Count || right >= _bytes.Count)
                throw new ArgumentException($"Merge {_bytes.Count - 256} ({left}, {right}) uses a token that is not defined before it.");
            _rank[(left, right)] = _bytes.Count - 256;
            _bytes.Add([.. _bytes[left], .. _bytes[right]]);
        }
    }

    /// <summary>
    /// Learns merges until the vocabulary has <paramref name="vocabSize"/> tokens (≥ 256) or no pair occurs
    /// <paramref name="minFrequency"/> times. Ties go to the pair with the smaller ids, so training is deterministic.
    /// </summary>
    public static BpeTokenizer Train(string corpus, int vocabSize, int minFrequency = 2)
    {
        if (vocabSize < 256) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "A byte-level vocabulary has at least the 256 byte tokens.");
        // Each distinct chunk once, with how often it occurs: merges act on all copies at once.
        var chunks = Chunks(corpus).GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Tokens: Encoding.UTF8.GetBytes(g.Key).Select(b => (int)b).ToList(), Count: g.Count())).ToList();
        // Pair counts over the whole corpus, and which chunks hold each pair, so that a merge only revisits those
        // chunks instead of recounting everything (the result is the same as recounting).
        var counts = new Dictionary<long, int>();
        var holders = new Dictionary<long, HashSet<int>>();
        for (int c = 0; c < chunks.Count; c++) Count(c, +1);

        var merges = new List<(int, int)>();
        for (int next = 256; next < vocabSize; next++)
        {
            (long Pair, int Count) best = (long.MaxValue, 0);
            foreach (var (pair, count) in counts)
                if (count > best.Count || (count == best.Count && pair < best.Pair)) best = (pair, count);
            if (best.Count == 0 || best.Count < minFrequency) break;
            var merge = ((int)(best.Pair >> 32), (int)(best.Pair & uint.MaxValue));
            merges.Add(merge);
            foreach (int c in holders[best.Pair].ToList())
            {
                Count(c, -1);
                Merge(chunks[c].Tokens, merge, next);
                Count(c, +1);
            }
        }

        void Count(int chunk, int sign)
        {
            var (tokens, weight) = chunks[chunk];
            for (int i = 0; i + 1 < tokens.Count; i++)
            {
                long pair = Pack(tokens[i], tokens[i + 1]);
                int updated = counts.GetValueOrDefault(pair) + sign * weight;
                if (updated == 0) counts.Remove(pair); else counts[pair] = updated;
                if (sign > 0)
                {
                    if (!holders.TryGetValue(pair, out var set)) holders[pair] = set = [];
                    set.Add(chunk);
                }
            }
        }
        return new BpeTokenizer(merges);
    }

    public int VocabSize => _bytes.Count;
    /// <summary>The learned merges in order: merge k made token 256 + k.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges => _merges;
    /// <summary>The bytes token <paramref name="id"/> stands for.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _bytes[id];

    public int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (string chunk in Chunks(text))
        {
            if (!_cache.TryGetValue(chunk, out int[]? encoded))
            {
                var tokens = Encoding.UTF8.GetBytes(chunk).Select(b => (int)b).ToList();
                // Apply learned merges in the order they were learned: always the lowest-ranked pair present.
                while (tokens.Count > 1)
                {
                    (int, int)? pair = null;
                    int bestRank = int.MaxValue;
                    for (int i = 0; i + 1 < tokens.Count; i++)
                        if (_rank.TryGetValue((tokens[i], tokens[i + 1]), out int rank) && rank < bestRank) { bestRank = rank; pair = (tokens[i], tokens[i + 1]); }
                    if (pair is null) break;
                    Merge(tokens, pair.Value, 256 + bestRank);
                }
                encoded = [.. tokens];
                if (_cache.Count < 100_000) _cache[chunk] = encoded;
            }
            ids.AddRange(encoded);
        }
        return [.. ids];
    }

    /// <summary>The UTF-8 text of the tokens' bytes (a sequence cut inside a character decodes that character as U+FFFD).</summary>
    public string Decode(IEnumerable<int> ids) => Encoding.UTF8.GetString(ids.SelectMany(id => _bytes[id]).ToArray());

    /// <summary>Writes the merges, one "left right" pair of ids per line.</summary>
    public void Save(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllLines(temporary, _merges.Select(m => $"{m.Left} {m.Right}"));
        File.Move(temporary, path, overwrite: true);
    }

    public static BpeTokenizer Load(string path) =>
        new(File.ReadLines(path).Where(l => l.Length > 0).Select((line, n) =>
        {
            var parts = line.Split(' ');
            return parts.Length == 2 && int.TryParse(parts[0], out int left) && int.TryParse(parts[1], out int right)
                ? (left, right)
                : throw new InvalidDataException($"{path}, line {n + 1}: expected two token ids \"left right\", got \"{line}\".");
        }));

    // A pair packed as left << 32 | right compares like (left, right): ties go to the smaller ids.
    static long Pack(int left, int right) => (long)left << 32 | (uint)right;

    static void Merge(List<int> tokens, (int Left, int Right) pair, int id)
    {
        int write = 0;
        for (int read = 0; read < tokens.Count; read++, write++)
        {
            if (read + 1 < tokens.Count && tokens[read] == pair.Left && tokens[read + 1] == pair.Right) { tokens[write] = id; read++; }
            else tokens[write] = tokens[read];
        }
        tokens.RemoveRange(write, tokens.Count - write);
    }

    static IEnumerable<string> Chunks(string text) => ChunkPattern().Matches(text).Select(m => m.Value);

    // A word or number with its leading space, a run of other symbols with its leading space, or whitespace.
    [GeneratedRegex(@" ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex ChunkPattern();
}
