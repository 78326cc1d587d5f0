using LearnLM.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Training;

/// <summary>
/// Checkpoints (chapter 5): a model's parameters and buffers, the optimizer's state, the epoch and step counters and
/// the CPU random generator's state, and optionally the training history, in one file. Written to a temporary file beside the target and then moved
/// over it, so an interrupted save never leaves a half-written checkpoint.
/// </summary>
public static class Checkpoint
{
    const string Magic = "LearnLM checkpoint";
    const int Format = 1;

    public static void Save(string path, nn.Module model, IOptimizer? optimizer, CheckpointInfo info, History? history = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(Format);
                writer.Write(info.Epoch);
                writer.Write(info.GlobalStep);
                (history ?? new History()).Write(writer);
                model.save(writer);
                writer.Write(optimizer is not null);
                optimizer?.SaveState(writer);
                using var generator = get_rng_state();
                generator.Save(writer);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Loads into <paramref name="model"/> (and <paramref name="optimizer"/>), which must have the saved architecture;
    /// when <paramref name="history"/> is given, its records are replaced by the saved ones.
    /// </summary>
    public static CheckpointInfo Load(string path, nn.Module model, IOptimizer? optimizer, History? history = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path)) throw new FileNotFoundException($"No checkpoint at {Path.GetFullPath(path)}.", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { magic = ""; }
        if (magic != Magic) throw new InvalidDataException($"{path} is not a LearnLM checkpoint.");
        int format = reader.ReadInt32();
        if (format != Format) throw new InvalidDataException($"{path} is checkpoint format {format}; this LearnLM reads format {Format}.");
        var info = new CheckpointInfo(reader.ReadInt32(), reader.ReadInt64());
        var records = History.Read(reader);
        model.load(reader);
        history?.ReplaceWith(records);
        bool hasOptimizer = reader.ReadBoolean();
        if (hasOptimizer && optimizer is not null) optimizer.LoadState(reader);
        else if (optimizer is not null)
            throw new InvalidDataException($"{path} holds no optimizer state; pass no optimizer to load only the model.");
        else if (hasOptimizer)
            return info;   // the model alone was wanted; the optimizer state that follows is not read
        using var generator = Tensor.Load(reader);
        set_rng_state(generator);
        return info;
    }
}
