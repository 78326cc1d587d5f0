using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Optim;

/// <summary>
/// The skeleton shared by the hand-written optimizers (chapter 5): a parameter list, a step counter, and named state
/// tensors per parameter (momentum buffers, moment estimates) that live as long as the optimizer. A subclass writes
/// only <see cref="Update"/>: the rule for one parameter, given its gradient.
/// </summary>
public abstract class OptimizerBase : IOptimizer
{
    const int StateFormat = 1;
    readonly Dictionary<(int Index, string Name), Tensor> _state = new();

    protected OptimizerBase(IEnumerable<Parameter> parameters, double learningRate)
    {
        Parameters = parameters.ToList();
        if (Parameters.Count == 0) throw new ArgumentException("The optimizer was given no parameters; pass model.parameters().", nameof(parameters));
        if (!(learningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be ≥ 0.");
        LearningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    public double LearningRate { get; set; }

    /// <summary>How many steps have been taken: t in Adam's bias correction.</summary>
    public long StepCount { get; private set; }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i].grad is { } grad) Update(i, Parameters[i], grad);
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.grad?.zero_();
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient. Runs under no_grad in a dispose scope.</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor grad);

    /// <summary>
    /// The state tensor <paramref name="name"/> of parameter <paramref name="index"/>; on first use, created by
    /// <paramref name="initial"/> (default zeros like the parameter) and kept out of the step's dispose scope.
    /// </summary>
    protected Tensor State(int index, string name, Func<Tensor>? initial = null)
    {
        if (!_state.TryGetValue((index, name), out var tensor))
        {
            tensor = (initial?.Invoke() ?? zeros_like(Parameters[index])).DetachFromDisposeScope();
            _state[(index, name)] = tensor;
        }
        return tensor;
    }

    /// <summary>Whether state <paramref name="name"/> exists yet (SGD's momentum buffer starts as the first gradient).</summary>
    protected bool HasState(int index, string name) => _state.ContainsKey((index, name));

    public void SaveState(BinaryWriter writer)
    {
        writer.Write(StateFormat);
        writer.Write(GetType().Name);
        writer.Write(LearningRate);
        writer.Write(StepCount);
        writer.Write(_state.Count);
        foreach (var ((index, name), tensor) in _state.OrderBy(e => e.Key.Index).ThenBy(e => e.Key.Name, StringComparer.Ordinal))
        {
            writer.Write(index);
            writer.Write(name);
            tensor.Save(writer);
        }
    }

    public void LoadState(BinaryReader reader)
    {
        int format = reader.ReadInt32();
        if (format != StateFormat) throw new InvalidDataException($"Optimizer state format {format} is not supported (expected {StateFormat}).");
        string kind = reader.ReadString();
        if (kind != GetType().Name)
            throw new InvalidDataException($"The checkpoint holds {kind} state but this optimizer is {GetType().Name}; create the same optimizer before loading.");
        LearningRate = reader.ReadDouble();
        StepCount = reader.ReadInt64();
        int count = reader.ReadInt32();
        foreach (var old in _state.Values) old.Dispose();
        _state.Clear();
        for (int i = 0; i < count; i++)
        {
            int index = reader.ReadInt32();
            string name = reader.ReadString();
            if (index >= Parameters.Count)
                throw new InvalidDataException($"The checkpoint has state for parameter {index}, but this optimizer has {Parameters.Count} parameters.");
            var tensor = zeros_like(Parameters[index]).DetachFromDisposeScope();
            tensor.Load(reader);
            _state[(index, name)] = tensor;
        }
    }
}
