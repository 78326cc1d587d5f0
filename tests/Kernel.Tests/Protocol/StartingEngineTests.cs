using System.Text.Json.Nodes;
using LearnLM.Kernel.Execution;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

public sealed class StartingEngineTests
{
    static JsonObject Execute(string code) => new() { ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false, ["stop_on_error"] = true };

    [Fact]
    public void Kernel_info_is_answered_before_the_engine_exists_and_cells_wait_for_it()
    {
        var creating = new TaskCompletionSource<IExecutionEngine>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new RecordingSender();
        using var kernel = new JupyterKernel(new StartingEngine(creating.Task), sent, log: TextWriter.Null);
        kernel.Start();

        var info = RecordingSender.Request("kernel_info_request");
        kernel.Receive(KernelChannel.Shell, info);
        Spec.Reply(sent.ReplyTo(info), info, "kernel_info_reply");

        var cell = RecordingSender.Request("execute_request", Execute("value:42"));
        kernel.Receive(KernelChannel.Shell, cell);
        Assert.Throws<TimeoutException>(() => sent.WaitFor((c, m) => c == KernelChannel.Shell && RecordingSender.ParentId(m) == cell.MsgId, TimeSpan.FromMilliseconds(200)));

        creating.SetResult(new FakeEngine());
        var reply = sent.ReplyTo(cell);
        Spec.Reply(reply, cell, "execute_reply");
        Assert.Equal("42", Spec.Text(sent.Iopub(cell).Single(m => m.MsgType == "execute_result").Content["data"]!["text/plain"]));
    }

    [Fact]
    public void An_engine_that_fails_to_start_fails_each_cell_with_the_reason()
    {
        var sent = new RecordingSender();
        using var kernel = new JupyterKernel(new StartingEngine(Task.FromException<IExecutionEngine>(new FileNotFoundException("Microsoft.CodeAnalysis.dll is missing"))), sent, log: TextWriter.Null);
        kernel.Start();
        var cell = RecordingSender.Request("execute_request", Execute("1+1"));
        kernel.Receive(KernelChannel.Shell, cell);
        var reply = sent.ReplyTo(cell);
        Spec.Reply(reply, cell, "execute_reply", "error");
        Assert.Equal("FileNotFoundException", Spec.Text(reply.Content["ename"]));
        Assert.Contains("Microsoft.CodeAnalysis.dll", Spec.Text(reply.Content["evalue"]));
    }
}
