namespace LearnLM.Data.Tokenizers;

/// <summary>Text to token ids and back (chapters 9 and 11). Ids run from 0 to <see cref="VocabSize"/> − 1.</summary>
public interface ITokenizer
{
    int VocabSize { get; }
    int[] Encode(string text);
    string Decode(IEnumerable<int> ids);
}
