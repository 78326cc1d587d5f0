using System.IO.Compression;
using System.Text;
using LearnLM.Data.Download;

namespace LearnLM.Data.Loaders;

/// <summary>
/// Plain-text corpora for language models (chapters 9 and 11): read as UTF-8 (gzip allowed) and split by position,
/// the first part to train on and the rest to validate — as nanoGPT does, so validation text is unseen text.
/// </summary>
public static class TextCorpus
{
    public static string Read(string path)
    {
        using var file = File.OpenRead(path);
        bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream input = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(input, Encoding.UTF8);
        try { return reader.ReadToEnd(); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path} is a damaged gzip file ({e.Message}). Delete it and fetch it again.", e); }
    }

    /// <summary>The first <paramref name="trainFraction"/> of the text, and the rest.</summary>
    public static (string Train, string Validation) Split(string text, double trainFraction = 0.9)
    {
        if (trainFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "Use a fraction strictly between 0 and 1, e.g. 0.9.");
        int cut = (int)(text.Length * trainFraction);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--; // never split a surrogate pair
        return (text[..cut], text[cut..]);
    }
}

/// <summary>Tiny Shakespeare (chapter 11): the full 1.1 MB text is the shipped sample too, so this always works offline.</summary>
public static class TinyShakespeare
{
    public const string SampleName = "tinyshakespeare";

    /// <summary>The text and where it came from: the team's or cache's copy when present, else the embedded sample.</summary>
    public static (string Text, string Source) Load(DatasetStore? store = null)
    {
        string? folder = null;
        try { folder = (store ?? DatasetStore.Default()).Find("tinyshakespeare"); }
        catch (DirectoryNotFoundException) { }
        string path = folder is null ? Path.Combine(Samples.Locate(SampleName), "input.txt.gz") : Path.Combine(folder, "input.txt");
        return (TextCorpus.Read(path), path);
    }
}
