namespace LearnLM.Data.Loaders;

/// <summary>A sentence and its sentiment: 1 positive, 0 negative (chapter 9).</summary>
public readonly record struct LabelledText(string Text, int Label);

/// <summary>
/// The UCI "Sentiment Labelled Sentences" format (chapter 9; Kotzias et al., KDD 2015): one <c>sentence&lt;TAB&gt;label</c>
/// per line, label 0 or 1. Files: imdb_labelled.txt, amazon_cells_labelled.txt, yelp_labelled.txt.
/// </summary>
public static class SentimentSentences
{
    public const string SampleName = "sentiment-sentences";

    public static IReadOnlyList<LabelledText> Read(string path)
    {
        var rows = new List<LabelledText>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            int tab = line.LastIndexOf('\t');
            string label = tab < 0 ? "" : line[(tab + 1)..].Trim();
            if (label is not ("0" or "1"))
                throw new InvalidDataException(
                    $"{path}, line {number}: expected 'sentence<TAB>label' with label 0 or 1, got \"{Shorten(line)}\".");
            rows.Add(new LabelledText(line[..tab].Trim(), label[0] - '0'));
        }
        return rows;
    }

    /// <summary>The IMDB sentences: from the team's or cache's copy when present, else the embedded sample.</summary>
    public static IReadOnlyList<LabelledText> LoadImdb(Download.DatasetStore? store = null)
    {
        string? folder = null;
        try { folder = (store ?? Download.DatasetStore.Default()).Find("sentiment-labelled-sentences"); }
        catch (DirectoryNotFoundException) { }
        return Read(Path.Combine(folder ?? Samples.Locate(SampleName), "imdb_labelled.txt"));
    }

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
