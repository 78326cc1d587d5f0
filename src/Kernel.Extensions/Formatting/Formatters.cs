using LearnLM.Kernel.Extensions.Formatting.Modules;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Formatting.Tensors;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting;

/// <summary>
/// LearnLM's formatters in one call. Hosts (kernel, runner, REPL, the Polyglot adapter) call
/// <see cref="RegisterDefaults"/> once at start-up; calling it again does nothing, and <see cref="Formatter.Format"/>
/// calls it itself on first use. Defaults never override a formatter a host or notebook registered.
/// </summary>
public static class Formatters
{
    static bool _registered;
    static readonly object _gate = new();

    /// <summary>Registers the tensor, module, DataFrame, Deedle, Plotly.NET chart and training-history formatters. Idempotent and thread-safe.</summary>
    public static void RegisterDefaults()
    {
        if (Volatile.Read(ref _registered)) return;
        lock (_gate)
        {
            if (_registered) return;
            RegisterAll();
            Volatile.Write(ref _registered, true);
        }
    }

    static void RegisterAll()
    {
        Formatter.RegisterDefault<Tensor>(TensorFormatter.Format);
        Formatter.RegisterDefault<nn.Module>(ModuleFormatter.Format);
        Formatter.RegisterDefault<LearnLM.Models.ModelSummary>(ModuleFormatter.Format);
        Formatter.RegisterDefault<Microsoft.Data.Analysis.DataFrame>(frame => DataFrameFormatter.View(frame).ToBundle());
        Formatter.RegisterDefault(DeedleFormatter.IsFrame, value => DeedleFormatter.View(value).ToBundle());
        Formatter.RegisterDefault(DeedleFormatter.IsSeries, value => DeedleFormatter.View(value).ToBundle());
        Formatter.RegisterDefault<TableView>(table => table.ToBundle());
        Formatter.RegisterDefault<LearnLM.Training.History>(HistoryFormatter.Format);
        Formatter.RegisterDefault<Plotly.NET.GenericChart>(chart => Visualisers.PlotlyChart.Bundle(chart));
    }
}
