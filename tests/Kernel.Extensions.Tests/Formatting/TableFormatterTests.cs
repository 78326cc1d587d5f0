using LearnLM.Kernel.Extensions.Formatting;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Hosts;
using Microsoft.Data.Analysis;

namespace LearnLM.Kernel.Extensions.Tests.Formatting;

public sealed class TableFormatterTests
{
    static DataFrame Ratings(int rows) => new(
        new PrimitiveDataFrameColumn<int>("user", Enumerable.Range(0, rows)),
        new StringDataFrameColumn("title", Enumerable.Range(0, rows).Select(i => $"movie <{i}>")),
        new PrimitiveDataFrameColumn<double>("rating", Enumerable.Range(0, rows).Select(i => i / 2.0)));

    [Fact]
    public void A_short_data_frame_shows_every_row()
    {
        Formatters.RegisterDefaults();
        var bundle = Formatter.Format(Ratings(3));
        var doc = HtmlDocument.Parse(bundle[MimeBundle.Html]);
        var table = doc.Table(".learnlm-frame");
        Assert.Equal(["", "user", "title", "rating"], table[0]);
        Assert.Equal(["2", "2", "movie <2>", "1"], table[3]);   // the title is escaped HTML text, not markup
        Assert.Equal(4, table.Count);
        Assert.Equal("3", doc.QuerySelector(".learnlm-table-footer")!.GetAttribute("data-rows"));
        Assert.EndsWith("DataFrame: 3 rows × 3 columns", bundle[MimeBundle.PlainText]);
    }

    [Fact]
    public void A_long_data_frame_shows_head_ellipsis_and_tail_with_the_total()
    {
        var bundle = DataFrameFormatter.View(Ratings(1000)).ToBundle();
        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-frame");
        Assert.Equal(1 + TableView.EdgeRows * 2 + 1, table.Count);
        Assert.Equal("4", table[TableView.EdgeRows][0]);
        Assert.All(table[TableView.EdgeRows + 1], cell => Assert.Equal("…", cell));
        Assert.Equal(["995", "995", "movie <995>", "497.5"], table[TableView.EdgeRows + 2]);
        Assert.Equal(["999", "999", "movie <999>", "499.5"], table[^1]);
        var lines = bundle[MimeBundle.PlainText]!.Split('\n');
        Assert.Equal("DataFrame: 1000 rows × 3 columns", lines[^1]);
        Assert.Contains(lines, line => line.Trim().StartsWith("...", StringComparison.Ordinal));
    }

    [Fact]
    public void Deedle_frames_and_series_show_keys_and_missing_values()
    {
        Formatters.RegisterDefaults();
        var frame = Deedle.Frame.FromRecords(Enumerable.Range(0, 30).Select(i => new { Id = i, Score = i * 1.5 }));
        var bundle = Formatter.Format(frame);
        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-frame");
        Assert.Equal(["", "Id", "Score"], table[0]);
        Assert.Equal(["29", "29", "43.5"], table[^1]);
        Assert.Contains("Deedle frame: 30 rows × 2 columns", bundle[MimeBundle.PlainText]);

        var series = new Deedle.SeriesBuilder<string, double> { { "a", 1.0 }, { "b", double.NaN } }.Series;
        var seriesTable = HtmlDocument.Parse(Formatter.Format(series)[MimeBundle.Html]).Table(".learnlm-frame");
        Assert.Equal(["a", "1"], seriesTable[1]);
        Assert.Equal(["b", "<missing>"], seriesTable[2]);   // Deedle treats NaN as missing
    }

    [Fact]
    public void Registering_defaults_twice_changes_nothing()
    {
        Formatters.RegisterDefaults();
        using var t = TorchSharp.torch.ones(2);
        var before = Formatter.Format(t)[MimeBundle.PlainText];
        Formatters.RegisterDefaults();
        Assert.Equal(before, Formatter.Format(t)[MimeBundle.PlainText]);
        Assert.StartsWith("shape=[2]", before);
    }

    [Fact]
    public void A_formatter_a_host_registers_wins_over_the_defaults()
    {
        var mine = new TableView("mine", null, ["a"], [], [], 0);
        Formatter.Register(value => ReferenceEquals(value, mine), _ => MimeBundle.Text("host's own"));
        Formatters.RegisterDefaults();
        Assert.Equal("host's own", Formatter.Format(mine)[MimeBundle.PlainText]);
        Assert.EndsWith("0 rows × 1 columns", Formatter.Format(mine with { Kind = "other" })[MimeBundle.PlainText]);
    }
}
