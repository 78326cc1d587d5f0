using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;
using NetMQ;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>The kernel over real ZeroMQ sockets on 127.0.0.1, with the fake engine behind it.</summary>
public sealed class SocketKernelTests : IDisposable
{
    readonly FakeEngine _engine = new();
    readonly NetMqTransport _transport;
    readonly JupyterKernel _kernel;
    readonly KernelClient _client;

    public SocketKernelTests()
    {
        var connection = new ConnectionInfo { Ip = "127.0.0.1", Key = Guid.NewGuid().ToString() };
        _transport = new NetMqTransport(connection, TextWriter.Null);
        _kernel = new JupyterKernel(_engine, _transport, log: TextWriter.Null);
        _transport.Start(_kernel.Receive);
        _kernel.Start();
        _client = new KernelClient(_transport.Connection);
    }

    public void Dispose()
    {
        _client.Dispose();
        _kernel.Dispose();
        _transport.Dispose();
        _engine.Dispose();
    }

    static JsonObject Execute(string code) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false, ["stop_on_error"] = true,
    };

    [Fact]
    public void Binds_free_ports_on_loopback_and_answers_kernel_info()
    {
        Assert.All(_transport.Connection.Ports, p => Assert.InRange(p.Port, 1, 65535));
        var request = _client.Send(_client.Shell, "kernel_info_request");
        var reply = _client.ReceiveReply(_client.Shell, request);
        Assert.NotNull(reply);
        Spec.Header(reply, "kernel_info_reply");
        Assert.Equal("csharp", Spec.Text(reply.Content["language_info"]!["name"]));
    }

    [Fact]
    public void Heartbeat_echoes_what_it_receives()
    {
        _client.Heartbeat.SendFrame("ping 42");
        Assert.True(_client.Heartbeat.TryReceiveFrameString(KernelClient.Timeout, out string? echo));
        Assert.Equal("ping 42", echo);
    }

    [Fact]
    public void A_wrongly_signed_message_gets_no_reply_and_the_next_good_one_does()
    {
        using var forgerKey = new MessageSigner("not-the-key");
        var forger = new WireCodec(forgerKey);
        var forged = _client.Request("kernel_info_request");
        _client.Shell.SendMultipartBytes(forger.Encode(forged));
        Assert.Null(_client.ReceiveReply(_client.Shell, forged, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(1, _transport.Dropped);

        var genuine = _client.Send(_client.Shell, "kernel_info_request");
        Assert.NotNull(_client.ReceiveReply(_client.Shell, genuine));
    }

    [Fact]
    public void Ten_thousand_malformed_or_random_messages_do_not_stop_the_kernel()
    {
        var random = new Random(1234);
        var validHeader = _client.Codec.Encode(_client.Request("execute_request"))[2];
        for (int i = 0; i < 10_000; i++)
        {
            var socket = i % 2 == 0 ? _client.Shell : _client.Control;
            List<byte[]> frames = (i % 5) switch
            {
                // Random frames, random count.
                0 => Enumerable.Range(0, random.Next(0, 9)).Select(_ => RandomBytes(random, random.Next(0, 64))).ToList(),
                // A delimiter followed by garbage that cannot verify.
                1 => [WireCodec.Delimiter, .. Enumerable.Range(0, random.Next(0, 7)).Select(_ => RandomBytes(random, random.Next(0, 64)))],
                // Correctly signed frames that are not JSON objects.
                2 => SignedFrames(RandomBytes(random, random.Next(1, 32)), "{}"u8.ToArray()),
                // Correctly signed JSON of the wrong shapes and types.
                3 => SignedFrames(validHeader, Encoding.UTF8.GetBytes(random.Next(4) switch
                {
                    0 => """{"code": 5, "silent": "no"}""",
                    1 => """{"code": "x", "user_expressions": [1]}""",
                    2 => """{"code": null}""",
                    _ => "[]",
                })),
                // A header naming an unknown or reply type.
                _ => SignedFrames(Encoding.UTF8.GetBytes($$"""{"msg_id":"{{i}}","msg_type":"{{(random.Next(2) == 0 ? "nonsense_request" : "execute_reply")}}"}"""), "{}"u8.ToArray()),
            };
            socket.SendMultipartBytes(frames.Count == 0 ? [[]] : frames);
        }

        var info = _client.Send(_client.Shell, "kernel_info_request");
        var reply = _client.ReceiveReply(_client.Shell, info, TimeSpan.FromSeconds(60));
        Assert.NotNull(reply);
        Spec.Header(reply, "kernel_info_reply");
        var control = _client.Send(_client.Control, "kernel_info_request");
        Assert.NotNull(_client.ReceiveReply(_client.Control, control, TimeSpan.FromSeconds(60)));
        Assert.True(_transport.Dropped >= 6_000, $"dropped {_transport.Dropped}");
    }

    List<byte[]> SignedFrames(byte[] header, byte[] content)
    {
        byte[] empty = "{}"u8.ToArray();
        return [WireCodec.Delimiter, Encoding.ASCII.GetBytes(_client.Codec.Signer.Sign(header, empty, empty, content)), header, empty, empty, content];
    }

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void A_cell_that_throws_does_not_end_the_session()
    {
        _client.WaitForIopub();
        var failing = _client.Send(_client.Shell, "execute_request", Execute("throw"));
        var failed = _client.ReceiveReply(_client.Shell, failing);
        Assert.Equal("error", Spec.Text(failed!.Content["status"]));
        var iopub = _client.IopubUntilIdle(failing);
        Assert.Equal(["status", "execute_input", "error", "status"], iopub.Select(m => m.MsgType));

        var next = _client.Send(_client.Shell, "execute_request", Execute("value:42"));
        var ok = _client.ReceiveReply(_client.Shell, next);
        Assert.Equal("ok", Spec.Text(ok!.Content["status"]));
        Assert.Equal(2, Spec.Int(ok.Content["execution_count"]));
        var result = _client.IopubUntilIdle(next).Single(m => m.MsgType == "execute_result");
        Assert.Equal("42", Spec.Text(result.Content["data"]!["text/plain"]));
    }

    [Fact]
    public void Interrupt_during_a_long_execute_returns_its_reply_promptly()
    {
        var running = _client.Send(_client.Shell, "execute_request", Execute("sleep"));
        Assert.True(_engine.Sleeping.Wait(KernelClient.Timeout, TestContext.Current.CancellationToken));
        var clock = Stopwatch.StartNew();
        var interrupt = _client.Send(_client.Control, "interrupt_request");
        Assert.NotNull(_client.ReceiveReply(_client.Control, interrupt));
        var reply = _client.ReceiveReply(_client.Shell, running);
        Assert.NotNull(reply);
        Assert.Equal("Interrupted", Spec.Text(reply.Content["ename"]));
        // The fake cell would sleep 30 s; well under that proves the interrupt, not the timeout, ended it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Shutdown_over_control_is_answered_and_signalled()
    {
        var request = _client.Send(_client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        var reply = _client.ReceiveReply(_client.Control, request);
        Assert.NotNull(reply);
        Assert.False(reply.Content["restart"]!.GetValue<bool>());
        Assert.False(await _kernel.ShutdownRequested.WaitAsync(KernelClient.Timeout, TestContext.Current.CancellationToken));
    }
}
