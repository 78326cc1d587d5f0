using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// Adapts one of TorchSharp's optimizers (<c>torch.optim.Adam(...)</c> etc.) to <see cref="IOptimizer"/>, so the
/// trainer takes either kind (chapter 5). The learning rate reads the first parameter group and sets all of them.
/// </summary>
public sealed class TorchOptimizer(optim.Optimizer optimizer) : IOptimizer
{
    public optim.Optimizer Inner { get; } = optimizer ?? throw new ArgumentNullException(nameof(optimizer));

    public double LearningRate
    {
        get => Inner.ParamGroups.First().LearningRate;
        set { foreach (var group in Inner.ParamGroups) group.LearningRate = value; }
    }

    public void Step() => Inner.step();
    public void ZeroGrad() => Inner.zero_grad();

    public void SaveState(BinaryWriter writer)
    {
        writer.Write(LearningRate);
        Helper().save_state_dict(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        double learningRate = reader.ReadDouble();
        Helper().load_state_dict(reader);
        LearningRate = learningRate;
    }

    OptimizerHelper Helper() => Inner as OptimizerHelper
        ?? throw new NotSupportedException($"{Inner.GetType().Name} cannot save its state; checkpoints need one of TorchSharp's built-in optimizers or LearnLM's.");
}
