using LearnLM.Kernel.Extensions.Formatting.Modules;
using LearnLM.Kernel.Extensions.Formatting.Tables;
using LearnLM.Kernel.Extensions.Formatting.Tensors;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Formatting;

/// <summary>
/// LearnLM's formatters in one call. Every host (kernel, runner, REPL, the Polyglot adapter) calls
/// <see cref="RegisterDefaults"/> once at start-up; calling it again does nothing.
/// </summary>
public static class Formatters
{
    static int _registered;

    /// <summary>Registers the tensor, module, DataFrame, Deedle, Plotly.NET chart and training-history formatters. Idempotent and thread-safe.</summary>
    public static void RegisterDefaults()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        Formatter.Register<Tensor>(TensorFormatter.Format);
        Formatter.Register<nn.Module>(ModuleFormatter.Format);
        Formatter.Register<Microsoft.Data.Analysis.DataFrame>(frame => DataFrameFormatter.View(frame).ToBundle());
        Formatter.Register(DeedleFormatter.IsFrame, value => DeedleFormatter.View(value).ToBundle());
        Formatter.Register(DeedleFormatter.IsSeries, value => DeedleFormatter.View(value).ToBundle());
        Formatter.Register<TableView>(table => table.ToBundle());
        Formatter.Register<Plotly.NET.GenericChart>(chart => Visualisers.PlotlyChart.Bundle(chart));
    }
}
