using System.Diagnostics;
using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Execution;

/// <summary>
/// Interrupting runaway cells: each test starts a cell that would run for ever (or for minutes), interrupts it once
/// it is surely running, and checks the cell ends as Interrupted and the session still has its earlier variables.
/// The elapsed-time bound is a sanity check only (the issue's target is under a second; see bench/ for numbers).
/// </summary>
public sealed class InterruptTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    readonly ScriptEngine _engine = fixture.Engine;

    async Task AssertInterruptible(string setup, string runaway, string check, string expected)
    {
        await _engine.Value(setup);
        var host = new RecordingHost();
        var started = new TaskCompletionSource();
        host.OnStream = (_, text) => { if (text.Contains("started")) started.TrySetResult(); };
        var cell = _engine.ExecuteAsync("Console.WriteLine(\"started\");\n" + runaway, host, TestContext.Current.CancellationToken);
        await Task.WhenAny(started.Task, cell).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        if (cell.IsCompleted) Assert.Fail($"the runaway cell ended: {(await cell).Error?.Name}: {string.Join("\n", (await cell).Error?.Traceback ?? [])}; output: {host.Stdout}");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(cell.IsCompleted, "the runaway cell ended by itself");
        var clock = Stopwatch.StartNew();
        _engine.Interrupt();
        var outcome = await cell.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        clock.Stop();
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("Interrupted", outcome.Error!.Name);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"interrupt took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(expected, await _engine.Value(check));
    }

    [Fact]
    public Task Tight_while_true_loop() =>
        AssertInterruptible("var beforeLoop = 11;", "long spins = 0;\nwhile (true) spins++;", "beforeLoop", "11");

    [Fact]
    public Task Empty_while_true_loop() =>
        AssertInterruptible("var beforeEmpty = 12;", "while (true) {}", "beforeEmpty", "12");

    [Fact]
    public Task Exponential_recursion() =>
        AssertInterruptible("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nvar beforeFib = Fib(10);", "Fib(80)", "beforeFib", "55");

    [Fact]
    public Task Thread_sleep() =>
        AssertInterruptible("var beforeSleep = 13;", "System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));", "beforeSleep", "13");

    [Fact]
    public Task Awaiting_with_the_cells_cancellation_token() =>
        AssertInterruptible("var beforeDelay = 14;", "await Task.Delay(TimeSpan.FromMinutes(5), Cancellation);", "beforeDelay", "14");

    [Fact]
    public Task TorchSharp_training_loop() => AssertInterruptible("""
        torch.manual_seed(0);
        var model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1));
        var optimizer = optim.SGD(model.parameters(), 0.01);
        var inputs = randn(32, 8);
        var targets = randn(32, 1);
        int steps = 0;
        """, """
        while (true)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.mse_loss(model.forward(inputs), targets);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            steps++;
        }
        """, "steps > 0", "True");

    [Fact]
    public async Task Interrupt_when_idle_does_not_affect_the_next_cell()
    {
        _engine.Interrupt();
        Assert.Equal("2", await _engine.Value("1 + 1"));
    }

    [Fact]
    public async Task Interrupt_while_the_engine_still_warms_up_is_not_lost()
    {
        using var engine = new ScriptEngine();
        var cell = engine.ExecuteAsync("while (true) { }", new RecordingHost(), TestContext.Current.CancellationToken);
        engine.Interrupt();
        var outcome = await cell.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal("Interrupted", outcome.Error!.Name);
        Assert.Equal("2", await engine.Value("1 + 1"));
    }
}
