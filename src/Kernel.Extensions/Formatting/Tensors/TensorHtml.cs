using System.Globalization;
using System.Text;

namespace LearnLM.Kernel.Extensions.Formatting.Tensors;

/// <summary>The HTML view of a tensor: header fields, a values table for 1-D and 2-D, statistics.</summary>
static class TensorHtml
{
    public static string Header(long[] shape, string dtype, string device, bool requiresGrad) =>
        "<div class=\"learnlm-tensor-header\">tensor " +
        Field("shape", TensorNames.Shape(shape)) + " " + Field("dtype", dtype) + " " +
        Field("device", device) + " " + Field("requires_grad", requiresGrad ? "True" : "False") + "</div>";

    static string Field(string name, string value) =>
        $"{name}=<code data-field=\"{name}\">{Html.Escape(value)}</code>";

    /// <summary>A table for 1-D (one row) and 2-D tensors with original indices as headers; <c>…</c> marks elided items.</summary>
    public static string ValuesTable(TensorPreview preview, ValueFormat format)
    {
        long[] rows = preview.Rank == 2 ? preview.Indices[0] : [0];
        long[] columns = preview.Indices[preview.Rank - 1];
        bool rowsElided = preview.Rank == 2 && preview.Elided[0];
        bool columnsElided = preview.Elided[preview.Rank - 1];

        var header = new List<string> { "" };
        header.AddRange(WithEllipsis(columns.Select(c => c.ToString(CultureInfo.InvariantCulture)), columnsElided));
        var body = new List<IReadOnlyList<string>>();
        for (int r = 0; r < rows.Length; r++)
        {
            if (rowsElided && r == rows.Length / 2)
                body.Add(Enumerable.Repeat(Html.Ellipsis, header.Count).ToList());
            var cells = Enumerable.Range(0, columns.Length).Select(c => format.Format(preview.Values[r * columns.Length + c]).Trim());
            body.Add([preview.Rank == 2 ? rows[r].ToString(CultureInfo.InvariantCulture) : "", .. WithEllipsis(cells, columnsElided)]);
        }
        return Html.Table("learnlm-tensor-values", header, body);
    }

    static IEnumerable<string> WithEllipsis(IEnumerable<string> items, bool elided)
    {
        var list = items.ToList();
        if (!elided) return list;
        list.Insert(list.Count / 2, Html.Ellipsis);
        return list;
    }

    public static string Statistics(TensorStatistics stats, int precision)
    {
        string Number(double v) => double.IsNaN(v) ? "nan" : v.ToString("G" + (precision + 2), CultureInfo.InvariantCulture);
        return Html.Table("learnlm-tensor-stats",
            ["min", "max", "mean", "std", "NaN", "Inf"],
            [[Number(stats.Min), Number(stats.Max), Number(stats.Mean), Number(stats.Std),
              stats.NaNCount.ToString(CultureInfo.InvariantCulture), stats.InfCount.ToString(CultureInfo.InvariantCulture)]]);
    }

    public static string StatisticsText(TensorStatistics stats, int precision)
    {
        string Number(double v) => double.IsNaN(v) ? "nan" : v.ToString("G" + (precision + 2), CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .Append("min=").Append(Number(stats.Min)).Append(" max=").Append(Number(stats.Max))
            .Append(" mean=").Append(Number(stats.Mean)).Append(" std=").Append(Number(stats.Std));
        text.Append(" nan=").Append(stats.NaNCount).Append(" inf=").Append(stats.InfCount);
        return text.ToString();
    }
}
