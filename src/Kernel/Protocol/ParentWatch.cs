using System.Diagnostics;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// Ends the kernel when the frontend process that started it dies without a shutdown_request (a killed notebook
/// server, a crashed editor), as ipykernel's parent poller does: jupyter_client names itself in JPY_PARENT_PID.
/// Chapter 1 (setup).
/// </summary>
public sealed class ParentWatch : IDisposable
{
    readonly Timer? _timer;

    public ParentWatch(Action onParentExited, TimeSpan? interval = null)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out int pid) || pid <= 1 || OperatingSystem.IsWindows()) return;
        var period = interval ?? TimeSpan.FromSeconds(1);
        _timer = new Timer(_ =>
        {
            if (IsAlive(pid)) return;
            _timer?.Change(Timeout.Infinite, Timeout.Infinite);
            onParentExited();
        }, null, period, period);
    }

    static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    public void Dispose() => _timer?.Dispose();
}
