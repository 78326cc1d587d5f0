namespace LearnLM.Data.Tokenizers;

/// <summary>
/// One token per character (chapter 11's first language model): the vocabulary is the corpus's distinct characters
/// in ordinal order, as in nanoGPT's Shakespeare-char. Text with a character the corpus lacked is refused.
/// </summary>
public sealed class CharTokenizer : ITokenizer
{
    readonly char[] _chars;
    readonly Dictionary<char, int> _ids;

    public CharTokenizer(IEnumerable<char> vocabulary)
    {
        _chars = vocabulary.Distinct().Order().ToArray();
        _ids = _chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The tokenizer whose vocabulary is every character of <paramref name="corpus"/>.</summary>
    public static CharTokenizer Fit(string corpus) => new(corpus);

    public int VocabSize => _chars.Length;
    public IReadOnlyList<char> Vocabulary => _chars;

    public int[] Encode(string text)
    {
        var ids = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            ids[i] = _ids.TryGetValue(text[i], out int id) ? id
                : throw new ArgumentException($"The character '{text[i]}' (U+{(int)text[i]:X4}) at position {i} is not in the vocabulary; fit the tokenizer on a corpus that contains it.", nameof(text));
        return ids;
    }

    public string Decode(IEnumerable<int> ids) => new(ids.Select(id => _chars[id]).ToArray());
}
