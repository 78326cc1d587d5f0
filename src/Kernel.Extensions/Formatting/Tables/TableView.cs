using System.Globalization;
using System.Text;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Formatting.Tables;

/// <summary>
/// A table cut to a bounded number of rows — the head, an ellipsis row, the tail — with the full size noted,
/// as pandas shows frames (chapter 12 reads MovieLens into frames). Rendered as aligned text and as HTML.
/// </summary>
/// <param name="Kind">What the table is, e.g. "DataFrame", shown in the footer.</param>
/// <param name="IndexName">Header of the row-label column (null for no row labels).</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Head">The first rows: row label (or null) and cells.</param>
/// <param name="Tail">The last rows; empty when every row fits in <paramref name="Head"/>.</param>
/// <param name="RowCount">How many rows the whole table has.</param>
public sealed record TableView(string Kind, string? IndexName, IReadOnlyList<string> Columns,
    IReadOnlyList<(string? Label, IReadOnlyList<string> Cells)> Head,
    IReadOnlyList<(string? Label, IReadOnlyList<string> Cells)> Tail, long RowCount)
{
    /// <summary>Tables with more rows than this show only <see cref="EdgeRows"/> at each end.</summary>
    public static int MaxRows { get; set; } = 20;

    /// <summary>Rows shown at each end of a long table.</summary>
    public static int EdgeRows { get; set; } = 5;

    public bool Elided => Tail.Count > 0;

    /// <summary>Which row indices to show for a table of <paramref name="rowCount"/> rows: all, or head and tail.</summary>
    public static (IReadOnlyList<long> Head, IReadOnlyList<long> Tail) RowsToShow(long rowCount)
    {
        if (rowCount <= MaxRows) return (Range(0, rowCount), []);
        return (Range(0, EdgeRows), Range(rowCount - EdgeRows, EdgeRows));
        static List<long> Range(long start, long count) => [.. Enumerable.Range(0, (int)count).Select(i => start + i)];
    }

    public static string Cell(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    string Footer => $"{Kind}: {RowCount} rows × {Columns.Count} columns";

    public MimeBundle ToBundle() => new(new Dictionary<string, string>
    {
        [MimeBundle.PlainText] = ToText(),
        [MimeBundle.Html] = ToHtml(),
    });

    /// <summary>Header and rows as they are drawn: the label column first (when there is one), an ellipsis row between head and tail.</summary>
    List<string[]> Grid(string ellipsis)
    {
        string[] Row(string? label, IReadOnlyList<string> cells) => IndexName is null ? [.. cells] : [label ?? "", .. cells];
        var rows = new List<string[]> { Row(IndexName, Columns) };
        rows.AddRange(Head.Select(r => Row(r.Label, r.Cells)));
        if (Elided) rows.Add(Enumerable.Repeat(ellipsis, rows[0].Length).ToArray());
        rows.AddRange(Tail.Select(r => Row(r.Label, r.Cells)));
        return rows;
    }

    public string ToText()
    {
        var rows = Grid("...");
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendJoin("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))).Append('\n');
        return text.Append(Footer).ToString();
    }

    public string ToHtml()
    {
        var rows = Grid(Html.Ellipsis);
        return "<div class=\"learnlm-table\">" + Html.Table("learnlm-frame", rows[0], rows.Skip(1)) +
               $"<p class=\"learnlm-table-footer\" data-rows=\"{RowCount}\" data-columns=\"{Columns.Count}\">{Html.Escape(Footer)}</p></div>";
    }
}
