using System.IO.Compression;
using System.Text;
using LearnLM.Data;
using LearnLM.Data.Loaders;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Data;

public sealed class TextLoaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-text-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    void Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void An_acl_imdb_folder_loads_reviews_with_ids_ratings_and_labels()
    {
        Write("train/pos/10_9.txt", "Great film.<br /><br />Loved it.");
        Write("train/pos/2_7.txt", "Good.");
        Write("train/neg/5_1.txt", "Awful.");
        Write("train/unsup/0_0.txt", "ignored");
        var reviews = AclImdb.Load(_dir, "train");
        Assert.Equal([new Review(5, 1, 0, "Awful."), new Review(2, 7, 1, "Good."), new Review(10, 9, 1, "Great film.<br /><br />Loved it.")], reviews);
    }

    [Fact]
    public void An_acl_imdb_file_with_a_bad_name_or_rating_is_refused()
    {
        Write("test/pos/10_3.txt", "in the wrong folder");
        Write("test/neg/1_2.txt", "fine");
        var error = Assert.Throws<InvalidDataException>(() => AclImdb.Load(_dir, "test"));
        Assert.Contains("10_3.txt", error.Message);
        File.Delete(Path.Combine(_dir, "test/pos/10_3.txt"));
        Write("test/pos/review.txt", "no id");
        Assert.Contains("id_rating.txt", Assert.Throws<InvalidDataException>(() => AclImdb.Load(_dir, "test")).Message);
    }

    [Fact]
    public void Sentiment_sentences_read_tab_separated_labels_and_refuse_bad_lines()
    {
        Write("s.txt", "A very, very slow movie.  \t0\nLoved it!\t1\n\n");
        Assert.Equal([new LabelledText("A very, very slow movie.", 0), new LabelledText("Loved it!", 1)], SentimentSentences.Read(Path.Combine(_dir, "s.txt")));
        Write("bad.txt", "fine\t1\nno label here\n");
        var error = Assert.Throws<InvalidDataException>(() => SentimentSentences.Read(Path.Combine(_dir, "bad.txt")));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void The_shipped_sentiment_sample_is_the_official_imdb_file_500_each()
    {
        var sample = SentimentSentences.Read(Path.Combine(Samples.Locate(SentimentSentences.SampleName), "imdb_labelled.txt"));
        Assert.Equal(1000, sample.Count);
        Assert.Equal(500, sample.Count(s => s.Label == 1));
        string shared = SharedData.Require("sentiment-labelled-sentences");
        Assert.Equal(SentimentSentences.Read(Path.Combine(shared, "imdb_labelled.txt")), sample);
    }

    [Fact]
    public void A_corpus_reads_gzip_or_plain_and_splits_by_position()
    {
        string text = "ab€cd\nefgh\n";
        Write("plain.txt", text);
        using (var file = File.Create(Path.Combine(_dir, "packed.txt.gz")))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest)) zip.Write(Encoding.UTF8.GetBytes(text));
        Assert.Equal(text, TextCorpus.Read(Path.Combine(_dir, "plain.txt")));
        Assert.Equal(text, TextCorpus.Read(Path.Combine(_dir, "packed.txt.gz")));
        var (train, validation) = TextCorpus.Split(text, 0.5);
        Assert.Equal(text, train + validation);
        Assert.Equal(text.Length / 2, train.Length);
    }

    [Fact]
    public void The_shipped_tiny_shakespeare_is_the_official_text()
    {
        string sample = TextCorpus.Read(Path.Combine(Samples.Locate(TinyShakespeare.SampleName), "input.txt.gz"));
        Assert.StartsWith("First Citizen:", sample);
        string shared = SharedData.Require("tinyshakespeare");
        Assert.Equal(File.ReadAllText(Path.Combine(shared, "input.txt")), sample);
        Assert.Equal(sample, TinyShakespeare.Load().Text);
    }
}
