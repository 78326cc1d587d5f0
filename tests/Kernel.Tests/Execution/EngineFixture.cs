using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Execution;

/// <summary>One warmed engine shared by the tests whose cells do not depend on each other's state.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public ScriptEngine Engine { get; } = new();

    public async ValueTask InitializeAsync() => await Engine.Ready;

    public ValueTask DisposeAsync()
    {
        Engine.Dispose();
        return ValueTask.CompletedTask;
    }
}

static class EngineExtensions
{
    public static async Task<ExecutionOutcome> Run(this IExecutionEngine engine, string code, RecordingHost? host = null) =>
        await engine.ExecuteAsync(code, host ?? new RecordingHost(), TestContext.Current.CancellationToken);

    public static async Task<string?> Value(this IExecutionEngine engine, string code)
    {
        var outcome = await engine.Run(code);
        Assert.True(outcome.Status == ExecutionStatus.Ok, $"'{code}' failed: {outcome.Error?.Name}: {string.Join("\n", outcome.Error?.Traceback ?? [])}");
        return outcome.Result?[Extensions.Hosts.MimeBundle.PlainText];
    }
}
