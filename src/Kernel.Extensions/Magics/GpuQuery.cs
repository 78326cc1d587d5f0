using System.Diagnostics;
using System.Globalization;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary>One GPU as the NVIDIA driver reports it.</summary>
public sealed record GpuStatus(int Index, string Name, long MemoryUsedBytes, long MemoryTotalBytes);

/// <summary>
/// Asks the NVIDIA driver (<c>nvidia-smi</c>) for each GPU's name and memory, since libtorch's C API as TorchSharp
/// exposes it does not report them. Returns nothing where the tool is absent.
/// </summary>
public static class GpuQuery
{
    public static IReadOnlyList<GpuStatus> Query()
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=index,name,memory.used,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return [];
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0) return [];
            return Parse(output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];   // no nvidia-smi on PATH: no NVIDIA driver
        }
    }

    /// <summary>Parses nvidia-smi's CSV: "index, name, used MiB, total MiB" a line; malformed lines are skipped.</summary>
    public static IReadOnlyList<GpuStatus> Parse(string csv)
    {
        var gpus = new List<GpuStatus>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length == 4 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out int index)
                && long.TryParse(fields[2], CultureInfo.InvariantCulture, out long used) && long.TryParse(fields[3], CultureInfo.InvariantCulture, out long total))
                gpus.Add(new(index, fields[1], used << 20, total << 20));
        }
        return gpus;
    }
}
