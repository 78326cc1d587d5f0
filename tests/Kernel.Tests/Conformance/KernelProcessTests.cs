using System.Diagnostics;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;
using LearnLM.Kernel.Tests.Protocol;
using NetMQ;

namespace LearnLM.Kernel.Tests.Conformance;

/// <summary>The `learnlm kernel` process with its real engine: interrupts (message and SIGINT), stdin, shutdown.</summary>
public sealed class KernelProcessTests
{
    static JsonObject Execute(string code, bool allowStdin = false) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = allowStdin, ["stop_on_error"] = true,
    };

    static string? Result(KernelClient client, JupyterMessage request) =>
        client.IopubUntilIdle(request).SingleOrDefault(m => m.MsgType == "execute_result")?.Content["data"]?["text/plain"]?.GetValue<string>();

    /// <summary>One process for both modes (each start costs seconds): a message interrupt, then SIGINT, on the same session.</summary>
    [Fact]
    public void Runaway_loops_are_interrupted_by_message_and_by_SIGINT_and_the_session_keeps_its_state()
    {
        using var kernel = KernelProcess.Start();
        var client = kernel.Client;
        var setup = client.Send(client.Shell, "execute_request", Execute("var kept = 41;"));
        Assert.Equal("ok", client.ReceiveReply(client.Shell, setup)!.Content["status"]!.GetValue<string>());

        foreach (var mode in new[] { "message", "signal" })
        {
            var loop = client.Send(client.Shell, "execute_request", Execute("long n = 0; while (true) { n++; }"));
            // Wait until the loop runs (its busy status is out), then interrupt it.
            Assert.NotNull(client.ReceiveChild(client.Iopub, loop));
            Thread.Sleep(300);
            var clock = Stopwatch.StartNew();
            if (mode == "message")
            {
                var interrupt = client.Send(client.Control, "interrupt_request");
                Assert.Equal("ok", client.ReceiveReply(client.Control, interrupt)!.Content["status"]!.GetValue<string>());
            }
            else
            {
                using var kill = Process.Start("kill", ["-INT", kernel.Process.Id.ToString()]);
                kill.WaitForExit();
            }
            var reply = client.ReceiveReply(client.Shell, loop, TimeSpan.FromSeconds(20));
            Assert.True(reply is not null, $"no execute_reply after the {mode} interrupt:\n" + kernel.Stderr);
            Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{mode} interrupt took {clock.Elapsed}");
            Assert.False(kernel.Process.HasExited, "an interrupt must stop the cell, not the kernel:\n" + kernel.Stderr);
            client.IopubUntilIdle(loop);

            var after = client.Send(client.Shell, "execute_request", Execute("kept + 1"));
            Assert.Equal("ok", client.ReceiveReply(client.Shell, after)!.Content["status"]!.GetValue<string>());
            Assert.Equal("42", Result(client, after));
        }
    }

    [Fact]
    public void Console_ReadLine_asks_the_frontend_for_input_and_shutdown_ends_the_process()
    {
        using var kernel = KernelProcess.Start();
        var client = kernel.Client;
        var request = client.Send(client.Shell, "execute_request", Execute("""var name = Console.ReadLine(); Console.WriteLine($"hello {name}");""", allowStdin: true));
        var prompt = client.ReceiveChild(client.Stdin, request, TimeSpan.FromSeconds(30));
        Assert.True(prompt is not null, "no input_request:\n" + kernel.Stderr);
        Assert.Equal("input_request", prompt.MsgType);

        var answer = client.Request("input_reply", new JsonObject { ["value"] = "Ada" });
        client.Stdin.SendMultipartBytes(client.Codec.Encode(new JupyterMessage([], answer.Header, prompt.Header, new JsonObject(), answer.Content)));
        var reply = client.ReceiveReply(client.Shell, request);
        Assert.Equal("ok", reply!.Content["status"]!.GetValue<string>());
        var stream = client.IopubUntilIdle(request).Where(m => m.MsgType == "stream").Select(m => m.Content["text"]!.GetValue<string>());
        Assert.Equal("hello Ada\n", string.Concat(stream));

        var shutdown = client.Send(client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        Assert.NotNull(client.ReceiveReply(client.Control, shutdown));
        Assert.True(kernel.Process.WaitForExit(15_000), "the kernel did not exit after shutdown_reply:\n" + kernel.Stderr);
        Assert.Equal(0, kernel.Process.ExitCode);
    }
}
