using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Devices;

/// <summary>
/// Device discovery and selection (chapter 1, "Setup and tensors"; chapter 13, "Scaling up").
/// Code takes a <see cref="Device"/> and never hard-codes "cpu" or "cuda": <see cref="Default"/> is what
/// models and the trainer use when not told otherwise, and <c>#!device</c> sets it in notebooks.
/// </summary>
public static class DeviceManager
{
    static Device? _default;

    /// <summary>The device LearnLM's models, data loaders and trainer use unless given one.</summary>
    public static Device Default
    {
        get => _default ??= CPU;
        set => _default = value;
    }

    /// <summary>True when TorchSharp was built with CUDA (TorchSharp-cuda-linux) and a GPU and driver are present.</summary>
    public static bool CudaAvailable => cuda.is_available();

    /// <summary>The devices this process can use: the CPU, then each CUDA device.</summary>
    public static IReadOnlyList<DeviceInfo> List()
    {
        var devices = new List<DeviceInfo> { new("cpu", $"CPU, {torch.get_num_threads()} threads") };
        if (CudaAvailable)
            for (int i = 0; i < cuda.device_count(); i++)
                devices.Add(new($"cuda:{i}", $"CUDA device {i}"));
        return devices;
    }

    /// <summary>
    /// Turns "cpu", "cuda", "cuda:N" or "auto" into a device. "auto" picks CUDA when present, else the CPU.
    /// Asking for CUDA that is not there throws <see cref="DeviceNotAvailableException"/> naming the devices that exist;
    /// use "auto" for a silent fallback.
    /// </summary>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string spec = name.Trim().ToLowerInvariant();
        if (spec == "auto") return CudaAvailable ? CUDA : CPU;
        if (spec == "cpu") return CPU;
        if (spec == "cuda" || spec.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (spec.Length > 4 && (!int.TryParse(spec.AsSpan(5), out index) || index < 0))
                throw new ArgumentException($"'{name}' is not a device: the CUDA index must be a whole number ≥ 0, e.g. cuda:0.", nameof(name));
            if (!CudaAvailable)
                throw new DeviceNotAvailableException(
                    $"'{name}' was asked for, but CUDA is not available in this process. Devices here: {Available()}. " +
                    "For an NVIDIA GPU, install its driver and build LearnLM with -p:TorchBackend=cuda (TorchSharp-cuda-linux); " +
                    "or use 'auto' to fall back to the CPU.");
            int count = cuda.device_count();
            if (index >= count)
                throw new DeviceNotAvailableException($"'{name}' does not exist. Devices here: {Available()}.");
            return new Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"'{name}' is not a device. Use cpu, cuda, cuda:N or auto. Devices here: {Available()}.", nameof(name));
    }

    static string Available() => string.Join(", ", List().Select(d => d.Name));
}
