using System.Text;
using LearnLM.Devices;
using LearnLM.Kernel.Extensions.Hosts;
using TorchSharp;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!gpu</c>: lists devices and picks the GPU LearnLM uses (chapter 1 setup, chapter 13 scaling up).</summary>
public sealed class GpuMagic : IMagic
{
    /// <summary>What to do when there is no CUDA, shown by <c>#!gpu</c> and <c>#!gpu use</c>.</summary>
    public const string NoCudaAdvice =
        "CUDA is not available in this process, so LearnLM uses the CPU. To use an NVIDIA GPU: install the NVIDIA driver " +
        "(nvidia-smi should list the GPU), then build LearnLM with the CUDA backend: dotnet build -p:TorchBackend=cuda " +
        "(it references TorchSharp-cuda-linux instead of TorchSharp-cpu).";

    public string Name => "gpu";
    public string Summary => "List devices (GPU memory, CPU threads); pick a GPU with 'use N', or go back to the CPU with 'off'.";
    public string Help => """
        #!gpu            list the devices: each GPU's name and memory in use / total, the CPU's threads, the default device
        #!gpu use N      make cuda:N the default device for LearnLM's models and trainer
        #!gpu off        make the CPU the default device

        Without CUDA, #!gpu says what to install and LearnLM keeps using the CPU.
        Examples:  #!gpu    #!gpu use 0    #!gpu off
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 0, 2);
        var host = context.Host;
        switch (args.Count == 0 ? "" : args[0])
        {
            case "":
                MagicArguments.Count(this, args, 0, 0);
                host.WriteStream(OutputStream.Stdout, Describe());
                break;
            case "use":
                if (args.Count != 2) throw MagicArguments.Usage(this, "'use' needs a GPU number, e.g. #!gpu use 0.");
                long index = MagicArguments.Integer(this, args[1], "the GPU number", 0);
                if (!DeviceManager.CudaAvailable)
                {
                    host.WriteStream(OutputStream.Stderr, $"cuda:{index} was asked for. {NoCudaAdvice}\nDefault device: {DeviceManager.Default}\n");
                    break;
                }
                int count = torch.cuda.device_count();
                if (index >= count) throw MagicArguments.Usage(this, $"there is no GPU {index}; this machine has {count} (0–{count - 1}).");
                DeviceManager.Default = DeviceManager.Resolve($"cuda:{index}");
                host.WriteStream(OutputStream.Stdout, $"Default device: {DeviceManager.Default}\n");
                break;
            case "off":
                MagicArguments.Count(this, args, 1, 1);
                DeviceManager.Default = DeviceManager.Resolve("cpu");
                host.WriteStream(OutputStream.Stdout, $"Default device: {DeviceManager.Default}\n");
                break;
            default:
                throw MagicArguments.Usage(this, $"unknown subcommand '{args[0]}'; use no argument, 'use N' or 'off'.");
        }
        return Task.CompletedTask;
    }

    /// <summary>The device listing <c>#!gpu</c> prints.</summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        var memory = GC.GetGCMemoryInfo();
        text.AppendLine($"cpu      {Environment.ProcessorCount} logical processors, torch uses {torch.get_num_threads()} threads; " +
                        $"memory: this process uses {MagicArguments.Bytes(Environment.WorkingSet)} of {MagicArguments.Bytes(memory.TotalAvailableMemoryBytes)} available");
        if (DeviceManager.CudaAvailable)
        {
            var status = GpuQuery.Query().ToDictionary(g => g.Index);
            foreach (var device in DeviceManager.List().Where(d => d.Name.StartsWith("cuda", StringComparison.Ordinal)))
            {
                int index = int.Parse(device.Name.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
                text.AppendLine(status.TryGetValue(index, out var gpu)
                    ? $"{device.Name,-8} {gpu.Name}; memory in use {MagicArguments.Bytes(gpu.MemoryUsedBytes)} of {MagicArguments.Bytes(gpu.MemoryTotalBytes)}"
                    : $"{device.Name,-8} {device.Description} (memory unknown: nvidia-smi did not answer)");
            }
        }
        else text.AppendLine(NoCudaAdvice);
        return text.Append($"Default device: {DeviceManager.Default}\n").ToString();
    }
}
