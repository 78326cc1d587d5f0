using System.Collections;
using Microsoft.Data.Analysis;

namespace LearnLM.Training;

/// <summary>
/// The per-epoch record of training (chapter 5): one <see cref="EpochRecord"/> per epoch, across every
/// <see cref="Trainer.Fit"/> call of a trainer. <see cref="ToDataFrame"/> gives it as a table to plot or inspect.
/// </summary>
public sealed class History : IReadOnlyList<EpochRecord>
{
    readonly List<EpochRecord> _records = [];

    public EpochRecord this[int index] => _records[index];
    public int Count => _records.Count;
    public IEnumerator<EpochRecord> GetEnumerator() => _records.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(EpochRecord record) => _records.Add(record);

    internal void ReplaceWith(IEnumerable<EpochRecord> records)
    {
        _records.Clear();
        _records.AddRange(records);
    }

    /// <summary>The records in a checkpoint's binary form.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_records.Count);
        foreach (var r in _records)
        {
            writer.Write(r.Epoch);
            writer.Write(r.TrainLoss);
            WriteValues(writer, r.TrainMetrics);
            writer.Write(r.ValidLoss is not null);
            if (r.ValidLoss is { } validLoss) writer.Write(validLoss);
            writer.Write(r.ValidMetrics is not null);
            if (r.ValidMetrics is not null) WriteValues(writer, r.ValidMetrics);
            writer.Write(r.Seconds);
            writer.Write(r.LearningRate);
        }
    }

    internal static List<EpochRecord> Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var records = new List<EpochRecord>(count);
        for (int i = 0; i < count; i++)
        {
            int epoch = reader.ReadInt32();
            double trainLoss = reader.ReadDouble();
            var trainMetrics = ReadValues(reader);
            double? validLoss = reader.ReadBoolean() ? reader.ReadDouble() : null;
            var validMetrics = reader.ReadBoolean() ? ReadValues(reader) : null;
            records.Add(new EpochRecord(epoch, trainLoss, trainMetrics, validLoss, validMetrics, reader.ReadDouble(), reader.ReadDouble()));
        }
        return records;
    }

    static void WriteValues(BinaryWriter writer, IReadOnlyDictionary<string, double> values)
    {
        writer.Write(values.Count);
        foreach (var (name, value) in values)
        {
            writer.Write(name);
            writer.Write(value);
        }
    }

    static Dictionary<string, double> ReadValues(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var values = new Dictionary<string, double>(count);
        for (int i = 0; i < count; i++) values[reader.ReadString()] = reader.ReadDouble();
        return values;
    }

    /// <summary>Every column some epoch has, in a stable order: epoch, train_loss, train metrics, valid_loss, valid metrics, seconds, learning_rate.</summary>
    public IReadOnlyList<string> Columns => _records.SelectMany(r => r.Columns()).Distinct()
        .OrderBy(ColumnOrder).ToList();

    /// <summary>One column's values, epoch by epoch (null where an epoch lacks it).</summary>
    public IReadOnlyList<double?> Column(string name)
    {
        if (!Columns.Contains(name))
            throw new ArgumentException($"The history has no column '{name}'. Columns: {string.Join(", ", Columns)}.", nameof(name));
        return _records.Select(r => r[name]).ToList();
    }

    /// <summary>The history as a Microsoft.Data.Analysis DataFrame: one row per epoch, one column per <see cref="Columns"/> entry.</summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn> { new Int32DataFrameColumn("epoch", _records.Select(r => r.Epoch)) };
        foreach (var name in Columns.Where(c => c != "epoch"))
            columns.Add(new DoubleDataFrameColumn(name, _records.Select(r => r[name])));
        return new DataFrame(columns);
    }

    public override string ToString() => string.Join(Environment.NewLine, _records);

    static int ColumnOrder(string column) => column switch
    {
        "epoch" => 0,
        "train_loss" => 1,
        _ when column.StartsWith("train_", StringComparison.Ordinal) => 2,
        "valid_loss" => 3,
        _ when column.StartsWith("valid_", StringComparison.Ordinal) => 4,
        "seconds" => 5,
        _ => 6,
    };
}
