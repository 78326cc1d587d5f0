using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Models;

/// <summary>One sub-module in a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">Dotted path from the model, e.g. <c>blocks.0.attention</c>.</param>
/// <param name="Type">The module's class, e.g. <c>Conv2d</c>.</param>
/// <param name="Depth">Nesting level: 1 for the model's direct children.</param>
/// <param name="OutputShape">What it returned for the sample input; null if it was not called through
/// <c>call</c> with a single tensor, or no sample was given.</param>
/// <param name="Parameters">Elements in the parameters it owns directly (not its children's).</param>
/// <param name="TrainableParameters">Of those, how many have <c>requires_grad</c>.</param>
public sealed record LayerSummary(string Name, string Type, int Depth, long[]? OutputShape, long Parameters, long TrainableParameters)
{
    /// <summary>False when any parameter it owns is frozen.</summary>
    public bool Trainable => Parameters == TrainableParameters;
}

/// <summary>
/// A model at a glance (chapter 7, used from then on): every sub-module with its output shape for a sample
/// input and its parameter count, plus totals split into trainable and frozen. A plain data structure, so
/// notebooks can render it as an HTML table; <see cref="ToString"/> renders plain text.
/// </summary>
public sealed record ModelSummary(
    string ModelType,
    IReadOnlyList<LayerSummary> Layers,
    long[]? InputShape,
    long[]? OutputShape,
    long TotalParameters,
    long TrainableParameters)
{
    public long FrozenParameters => TotalParameters - TrainableParameters;

    /// <summary>Summarises <paramref name="model"/>, running <paramref name="sampleInput"/> through it (in eval mode,
    /// without gradients, restoring the mode afterwards) to record each sub-module's output shape.</summary>
    public static ModelSummary Of(nn.Module model, Tensor? sampleInput = null)
    {
        var shapes = new Dictionary<nn.Module, long[]>(ReferenceEqualityComparer.Instance);
        long[]? outputShape = null;
        if (sampleInput is not null)
        {
            if (model is not nn.Module<Tensor, Tensor> runnable)
                throw new ArgumentException(
                    $"A sample input can only be run through a model that maps one tensor to one tensor; {model.GetType().Name} does not. " +
                    "Call ModelSummary.Of(model) without a sample for parameter counts only.", nameof(model));
            var removers = new List<nn.HookableModule<Func<nn.Module<Tensor, Tensor>, Tensor, Tensor>, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover>();
            foreach (var (_, child) in model.named_modules())
                if (child is nn.Module<Tensor, Tensor> hookable)
                    removers.Add(hookable.register_forward_hook((module, _, output) => { shapes[module] = output.shape; return output; }));
            bool wasTraining = model.training;
            try
            {
                model.eval();
                using var noGrad = no_grad();
                using var scope = NewDisposeScope();
                outputShape = runnable.call(sampleInput).shape;
            }
            finally
            {
                model.train(wasTraining);
                foreach (var remover in removers) remover.remove();
            }
        }

        var layers = model.named_modules()
            .Where(pair => pair.name.Length > 0)
            .Select(pair =>
            {
                var own = pair.module.parameters(recurse: false).ToList();
                return new LayerSummary(pair.name, pair.module.GetType().Name, pair.name.Count(c => c == '.') + 1,
                    shapes.GetValueOrDefault(pair.module), own.Sum(p => p.numel()), own.Where(p => p.requires_grad).Sum(p => p.numel()));
            })
            .ToList();
        // A parameter shared by two modules is counted once, as PyTorch's own parameters() does.
        var distinct = model.parameters().DistinctBy(p => p.Handle).ToList();
        return new ModelSummary(model.GetType().Name, layers, sampleInput?.shape, outputShape,
            distinct.Sum(p => p.numel()), distinct.Where(p => p.requires_grad).Sum(p => p.numel()));
    }

    /// <summary>A fixed-width text table, one row per sub-module, indented by depth, and the totals.</summary>
    public override string ToString()
    {
        static string Shape(long[]? shape) => shape is null ? "-" : "[" + string.Join(", ", shape) + "]";
        var rows = Layers.Select(l => (Name: new string(' ', 2 * (l.Depth - 1)) + l.Name.Split('.')[^1] + " (" + l.Type + ")",
            Shape: Shape(l.OutputShape), Count: l.Parameters.ToString("N0") + (l.Trainable ? "" : " frozen"))).ToList();
        int nameWidth = Math.Max(5, rows.Select(r => r.Name.Length).DefaultIfEmpty().Max());
        int shapeWidth = Math.Max(12, rows.Select(r => r.Shape.Length).DefaultIfEmpty().Max());
        var text = new StringBuilder();
        text.AppendLine($"{ModelType}  input {Shape(InputShape)} → output {Shape(OutputShape)}");
        text.AppendLine($"{"Layer".PadRight(nameWidth)}  {"Output shape".PadRight(shapeWidth)}  Parameters");
        text.AppendLine(new string('─', nameWidth + shapeWidth + 14));
        foreach (var (name, shape, count) in rows) text.AppendLine($"{name.PadRight(nameWidth)}  {shape.PadRight(shapeWidth)}  {count}");
        text.AppendLine(new string('─', nameWidth + shapeWidth + 14));
        text.AppendLine($"Total parameters: {TotalParameters:N0}  (trainable {TrainableParameters:N0}, frozen {FrozenParameters:N0})");
        return text.ToString();
    }
}
