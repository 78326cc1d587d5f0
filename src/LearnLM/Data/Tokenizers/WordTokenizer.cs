using System.Text.RegularExpressions;

namespace LearnLM.Data.Tokenizers;

/// <summary>
/// Words as tokens with a vocabulary built from a corpus (chapter 9): id 0 is <c>&lt;pad&gt;</c>, id 1 is
/// <c>&lt;unk&gt;</c> (any word not kept), then the kept words by falling frequency (ties in ordinal order).
/// Words are lower-cased runs of letters, digits and apostrophes; each other non-space character is its own word.
/// </summary>
public sealed partial class WordTokenizer : ITokenizer
{
    public const string Pad = "<pad>", Unknown = "<unk>";
    public const int PadId = 0, UnknownId = 1;

    readonly string[] _words;
    readonly Dictionary<string, int> _ids;

    public WordTokenizer(IEnumerable<string> vocabulary)
    {
        _words = [Pad, Unknown, .. vocabulary.Where(w => w is not (Pad or Unknown))];
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _words.Length; i++)
            if (!_ids.TryAdd(_words[i], i)) throw new ArgumentException($"The word '{_words[i]}' appears twice in the vocabulary.");
    }

    /// <summary>
    /// Keeps the words seen at least <paramref name="minFrequency"/> times, at most <paramref name="maxSize"/> entries
    /// in all (counting &lt;pad&gt; and &lt;unk&gt;), the most frequent first.
    /// </summary>
    public static WordTokenizer Fit(IEnumerable<string> texts, int minFrequency = 1, int? maxSize = null)
    {
        if (maxSize is < 2) throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "maxSize counts <pad> and <unk>, so it must be at least 2.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (string word in Split(text))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var kept = counts.Where(p => p.Value >= minFrequency)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key);
        return new WordTokenizer(maxSize is { } max ? kept.Take(max - 2) : kept);
    }

    /// <summary>The words of a text as this tokenizer sees them.</summary>
    public static IEnumerable<string> Split(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    public int VocabSize => _words.Length;
    public IReadOnlyList<string> Vocabulary => _words;
    public int IdOf(string word) => _ids.GetValueOrDefault(word, UnknownId);

    public int[] Encode(string text) => Split(text).Select(IdOf).ToArray();

    /// <summary>The words joined by spaces, padding left out.</summary>
    public string Decode(IEnumerable<int> ids) => string.Join(' ', ids.Where(id => id != PadId).Select(id => _words[id]));

    [GeneratedRegex(@"[\p{L}\p{N}']+|[^\s\p{L}\p{N}']")]
    private static partial Regex WordPattern();
}
