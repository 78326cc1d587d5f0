using System.Diagnostics;
using System.Globalization;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!time</c>: times the rest of the cell — wall clock, CPU, managed allocations (chapter 13).</summary>
public sealed class TimeMagic : IMagic
{
    public string Name => "time";
    public string Summary => "Time the cell: wall clock, CPU time, managed memory allocated.";
    public string Help => """
        #!time

        Runs the rest of the cell and then prints its wall-clock time, the process's CPU time over that span
        (all threads, so it can exceed wall time when torch uses several cores) and the managed bytes allocated
        (GC.GetTotalAllocatedBytes; tensors' native memory is not counted). Prints even when the cell fails.
        """;
    public bool WrapsCell => true;

    public async Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 0, 0);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        try
        {
            await context.RunRestAsync();
        }
        finally
        {
            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            context.Host.WriteStream(OutputStream.Stdout,
                $"Wall time: {Duration(wall.Elapsed)}, CPU time: {Duration(cpu)}, allocated: {MagicArguments.Bytes(allocated)}\n");
        }
    }

    static string Duration(TimeSpan span) => span.TotalSeconds >= 1
        ? span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
