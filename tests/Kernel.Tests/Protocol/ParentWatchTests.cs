using System.Diagnostics;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

[Collection("Console")]
public sealed class ParentWatchTests
{
    static ParentWatch Watch(string? parentPid, Action onExit)
    {
        string? previous = Environment.GetEnvironmentVariable("JPY_PARENT_PID");
        Environment.SetEnvironmentVariable("JPY_PARENT_PID", parentPid);
        try { return new ParentWatch(onExit, TimeSpan.FromMilliseconds(50)); }
        finally { Environment.SetEnvironmentVariable("JPY_PARENT_PID", previous); }
    }

    [Fact]
    public void Fires_when_the_parent_process_has_exited()
    {
        using var parent = Process.Start("/bin/sh", ["-c", "exit 0"]);
        parent.WaitForExit();
        using var exited = new ManualResetEventSlim();
        using var watch = Watch(parent.Id.ToString(), exited.Set);
        Assert.True(exited.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Stays_quiet_while_the_parent_lives_or_without_a_parent()
    {
        using var exited = new ManualResetEventSlim();
        using (Watch(Environment.ProcessId.ToString(), exited.Set))
        using (Watch(null, exited.Set))
            Assert.False(exited.Wait(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
    }
}
