using Microsoft.Data.Analysis;

namespace LearnLM.Kernel.Extensions.Formatting.Tables;

/// <summary>Shows a Microsoft.Data.Analysis <see cref="DataFrame"/> with its head and tail (chapter 12).</summary>
public static class DataFrameFormatter
{
    public static TableView View(DataFrame frame)
    {
        var (head, tail) = TableView.RowsToShow(frame.Rows.Count);
        (string?, IReadOnlyList<string>) Row(long r) =>
            (r.ToString(System.Globalization.CultureInfo.InvariantCulture), frame.Columns.Select(c => TableView.Cell(c[r])).ToList());
        return new TableView("DataFrame", "", [.. frame.Columns.Select(c => c.Name)],
            [.. head.Select(Row)], [.. tail.Select(Row)], frame.Rows.Count);
    }
}
