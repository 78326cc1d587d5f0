using System.Reflection;
using Deedle;

namespace LearnLM.Kernel.Extensions.Formatting.Tables;

/// <summary>
/// Shows Deedle frames and series with their keys, head and tail (chapter 12). Deedle's types are generic in their
/// keys, so the formatter is chosen by generic type definition and called through a closed generic method.
/// </summary>
public static class DeedleFormatter
{
    public static bool IsFrame(object value) => IsGeneric(value.GetType(), typeof(Frame<,>));

    public static bool IsSeries(object value) => IsGeneric(value.GetType(), typeof(Series<,>));

    public static TableView View(object frameOrSeries)
    {
        var type = frameOrSeries.GetType();
        string method = IsFrame(frameOrSeries) ? nameof(FrameView) : IsSeries(frameOrSeries) ? nameof(SeriesView)
            : throw new ArgumentException($"{type.Name} is neither a Deedle Frame nor a Series.", nameof(frameOrSeries));
        var arguments = Generic(type, method == nameof(FrameView) ? typeof(Frame<,>) : typeof(Series<,>))!.GetGenericArguments();
        try
        {
            return (TableView)typeof(DeedleFormatter).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(arguments).Invoke(null, [frameOrSeries])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    static TableView FrameView<TRow, TColumn>(Frame<TRow, TColumn> frame)
    {
        var (head, tail) = TableView.RowsToShow(frame.RowCount);
        var columns = Enumerable.Range(0, frame.ColumnCount).Select(c => frame.GetColumnAt<object>(c)).ToList();
        var rowKeys = frame.RowKeys.ToList();
        (string?, IReadOnlyList<string>) Row(long r) =>
            (TableView.Cell(rowKeys[(int)r]), columns.Select(c => Value(c.TryGetAt((int)r))).ToList());
        return new TableView("Deedle frame", "", [.. frame.ColumnKeys.Select(k => TableView.Cell(k))],
            [.. head.Select(Row)], [.. tail.Select(Row)], frame.RowCount);
    }

    static TableView SeriesView<TKey, TValue>(Series<TKey, TValue> series)
    {
        var (head, tail) = TableView.RowsToShow(series.KeyCount);
        var keys = series.Keys.ToList();
        (string?, IReadOnlyList<string>) Row(long r) =>
            (TableView.Cell(keys[(int)r]), [Value(series.TryGetAt((int)r))]);
        return new TableView("Deedle series", "", ["value"], [.. head.Select(Row)], [.. tail.Select(Row)], series.KeyCount);
    }

    static string Value<T>(OptionalValue<T> value) => value.HasValue ? TableView.Cell(value.Value) : "<missing>";

    static bool IsGeneric(Type type, Type definition) => Generic(type, definition) is not null;

    static Type? Generic(Type? type, Type definition)
    {
        for (; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == definition) return type;
        return null;
    }
}
