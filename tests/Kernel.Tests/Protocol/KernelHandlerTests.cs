using System.Text.Json.Nodes;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

/// <summary>Each request handler against the messaging spec, through the mock transport and the fake engine.</summary>
public sealed class KernelHandlerTests : IDisposable
{
    readonly FakeEngine _engine = new();
    readonly RecordingSender _sent = new();
    readonly JupyterKernel _kernel;

    public KernelHandlerTests()
    {
        _kernel = new JupyterKernel(_engine, _sent, log: TextWriter.Null);
        _engine.Stdin = _kernel.Stdin;
        _kernel.Start();
    }

    public void Dispose()
    {
        _kernel.Dispose();
        _engine.Dispose();
    }

    JupyterMessage Send(string msgType, JsonObject? content = null, KernelChannel channel = KernelChannel.Shell)
    {
        var request = RecordingSender.Request(msgType, content);
        _kernel.Receive(channel, request);
        return request;
    }

    static JsonObject Execute(string code, bool silent = false, bool storeHistory = true, bool stopOnError = true, JsonObject? userExpressions = null, bool allowStdin = false) => new()
    {
        ["code"] = code, ["silent"] = silent, ["store_history"] = storeHistory, ["user_expressions"] = userExpressions ?? new JsonObject(),
        ["allow_stdin"] = allowStdin, ["stop_on_error"] = stopOnError,
    };

    [Fact]
    public void Starting_status_is_published_once_at_start()
    {
        var starting = _sent.WaitFor((c, m) => c == KernelChannel.IOPub && m.MsgType == "status").Message;
        Assert.Equal("starting", Spec.Text(starting.Content["execution_state"]));
        Assert.Empty(starting.ParentHeader);
    }

    [Fact]
    public void Kernel_info_reply_describes_csharp()
    {
        var request = Send("kernel_info_request");
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "kernel_info_reply");
        var content = reply.Content;
        Assert.Equal("5.3", Spec.Text(content["protocol_version"]));
        Assert.Equal("learnlm", Spec.Text(content["implementation"]));
        Assert.False(string.IsNullOrEmpty(Spec.Text(content["implementation_version"])));
        Assert.False(string.IsNullOrEmpty(Spec.Text(content["banner"])));
        var language = content["language_info"]!.AsObject();
        Assert.Equal("csharp", Spec.Text(language["name"]));
        Assert.Equal("text/x-csharp", Spec.Text(language["mimetype"]));
        Assert.Equal(".cs", Spec.Text(language["file_extension"]));
        Assert.Equal("csharp", Spec.Text(language["pygments_lexer"]));
        Assert.Equal("text/x-csharp", Spec.Text(language["codemirror_mode"]));
        Assert.Matches(@"^\d+\.\d+$", Spec.Text(language["version"]));
        foreach (var link in content["help_links"]!.AsArray())
            Assert.StartsWith("https://", Spec.Text(link!["url"]));
        Spec.BusyThenIdle(_sent.Iopub(request));
    }

    [Fact]
    public void Kernel_info_is_also_answered_on_control()
    {
        var request = Send("kernel_info_request", channel: KernelChannel.Control);
        Spec.Reply(_sent.ReplyTo(request, KernelChannel.Control), request, "kernel_info_reply");
    }

    [Fact]
    public void Execute_publishes_input_output_and_result_between_busy_and_idle()
    {
        var print = Send("execute_request", Execute("print:hello, world"));
        var value = Send("execute_request", Execute("value:42"));
        var printReply = _sent.ReplyTo(print);
        var valueReply = _sent.ReplyTo(value);

        Spec.Reply(printReply, print, "execute_reply");
        Assert.Equal(1, Spec.Int(printReply.Content["execution_count"]));
        Assert.Empty(printReply.Content["payload"]!.AsArray());
        Assert.Empty(printReply.Content["user_expressions"]!.AsObject());
        var iopub = _sent.Iopub(print);
        Spec.BusyThenIdle(iopub);
        Assert.Equal(["status", "execute_input", "stream", "status"], iopub.Select(m => m.MsgType));
        Assert.Equal("print:hello, world", Spec.Text(iopub[1].Content["code"]));
        Assert.Equal(1, Spec.Int(iopub[1].Content["execution_count"]));
        Assert.Equal("stdout", Spec.Text(iopub[2].Content["name"]));
        Assert.Equal("hello, world", Spec.Text(iopub[2].Content["text"]));

        Assert.Equal(2, Spec.Int(valueReply.Content["execution_count"]));
        var result = _sent.Iopub(value).Single(m => m.MsgType == "execute_result");
        Assert.Equal(2, Spec.Int(result.Content["execution_count"]));
        Assert.Equal("42", Spec.Text(result.Content["data"]!["text/plain"]));
        Assert.IsType<JsonObject>(result.Content["metadata"]);
    }

    [Fact]
    public void Stderr_goes_out_as_a_stderr_stream()
    {
        var request = Send("execute_request", Execute("err:careful"));
        _sent.ReplyTo(request);
        var stream = _sent.Iopub(request).Single(m => m.MsgType == "stream");
        Assert.Equal("stderr", Spec.Text(stream.Content["name"]));
    }

    [Fact]
    public void Silent_execution_publishes_no_outputs_and_keeps_the_count()
    {
        var silent = Send("execute_request", Execute("value:7", silent: true));
        var reply = _sent.ReplyTo(silent);
        Spec.Reply(reply, silent, "execute_reply");
        Assert.Equal(0, Spec.Int(reply.Content["execution_count"]));
        Assert.Equal(["status", "status"], _sent.Iopub(silent).Select(m => m.MsgType));

        var unstored = Send("execute_request", Execute("value:8", storeHistory: false));
        Assert.Equal(0, Spec.Int(_sent.ReplyTo(unstored).Content["execution_count"]));
        Assert.Contains(_sent.Iopub(unstored), m => m.MsgType == "execute_result");
        Assert.Empty(_kernel.History.Tail(10));
    }

    [Fact]
    public void A_failing_cell_gets_an_error_reply_and_an_error_broadcast()
    {
        var request = Send("execute_request", Execute("throw"));
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "execute_reply", "error");
        Assert.Equal("InvalidOperationException", Spec.Text(reply.Content["ename"]));
        Assert.Equal("boom", Spec.Text(reply.Content["evalue"]));
        Assert.Equal(1, Spec.Int(reply.Content["execution_count"]));
        var error = _sent.Iopub(request).Single(m => m.MsgType == "error");
        Assert.Equal("boom", Spec.Text(error.Content["evalue"]));
        Assert.Equal(2, error.Content["traceback"]!.AsArray().Count);
    }

    [Fact]
    public void Display_and_update_display_carry_json_as_objects_and_the_display_id()
    {
        var request = Send("execute_request", Execute("display"));
        _sent.ReplyTo(request);
        var iopub = _sent.Iopub(request);
        var display = iopub.Single(m => m.MsgType == "display_data");
        var update = iopub.Single(m => m.MsgType == "update_display_data");
        Assert.Equal(1, Spec.Int(display.Content["data"]!["application/json"]!["step"]));
        Assert.Equal("first", Spec.Text(display.Content["data"]!["text/plain"]));
        Assert.Equal("curve", Spec.Text(display.Content["transient"]!["display_id"]));
        Assert.Equal(2, Spec.Int(update.Content["data"]!["application/json"]!["step"]));
        Assert.True(update.Content["metadata"]!["application/json"]!["expanded"]!.GetValue<bool>());
        Assert.Equal("curve", Spec.Text(update.Content["transient"]!["display_id"]));
        Assert.True(iopub.ToList().IndexOf(display) < iopub.ToList().IndexOf(update));
    }

    [Fact]
    public void Plotly_results_are_sent_as_json_objects()
    {
        var request = Send("execute_request", Execute("json"));
        _sent.ReplyTo(request);
        var result = _sent.Iopub(request).Single(m => m.MsgType == "execute_result");
        Assert.IsType<JsonObject>(result.Content["data"]!["application/vnd.plotly.v1+json"]);
    }

    [Fact]
    public void An_error_aborts_the_executes_queued_behind_it_when_stop_on_error()
    {
        using var kernel = new JupyterKernel(new FakeEngine(), _sent, log: TextWriter.Null);
        // Queued before the shell thread starts, so all three are waiting when the first fails.
        var failing = RecordingSender.Request("execute_request", Execute("throw"));
        var queued = RecordingSender.Request("execute_request", Execute("value:1"));
        var info = RecordingSender.Request("kernel_info_request");
        var alsoQueued = RecordingSender.Request("execute_request", Execute("value:2"));
        foreach (var request in new[] { failing, queued, info, alsoQueued }) kernel.Receive(KernelChannel.Shell, request);
        kernel.Start();

        Spec.Reply(_sent.ReplyTo(failing), failing, "execute_reply", "error");
        Spec.Reply(_sent.ReplyTo(queued), queued, "execute_reply", "aborted");
        Spec.Reply(_sent.ReplyTo(info), info, "kernel_info_reply");
        Spec.Reply(_sent.ReplyTo(alsoQueued), alsoQueued, "execute_reply", "aborted");
        Assert.DoesNotContain(_sent.Iopub(queued), m => m.MsgType is "execute_input" or "execute_result");

        var later = RecordingSender.Request("execute_request", Execute("value:3"));
        kernel.Receive(KernelChannel.Shell, later);
        Spec.Reply(_sent.ReplyTo(later), later, "execute_reply");
    }

    [Fact]
    public void Without_stop_on_error_queued_executes_still_run()
    {
        using var kernel = new JupyterKernel(new FakeEngine(), _sent, log: TextWriter.Null);
        var failing = RecordingSender.Request("execute_request", Execute("throw", stopOnError: false));
        var queued = RecordingSender.Request("execute_request", Execute("value:1"));
        kernel.Receive(KernelChannel.Shell, failing);
        kernel.Receive(KernelChannel.Shell, queued);
        kernel.Start();
        Spec.Reply(_sent.ReplyTo(queued), queued, "execute_reply");
    }

    [Fact]
    public void User_expressions_are_evaluated_after_the_cell()
    {
        var request = Send("execute_request", Execute("value:1", userExpressions: new JsonObject { ["answer"] = "value:42", ["broken"] = "throw" }));
        var expressions = _sent.ReplyTo(request).Content["user_expressions"]!;
        Assert.Equal("ok", Spec.Text(expressions["answer"]!["status"]));
        Assert.Equal("42", Spec.Text(expressions["answer"]!["data"]!["text/plain"]));
        Assert.Equal("error", Spec.Text(expressions["broken"]!["status"]));
        Assert.Equal("boom", Spec.Text(expressions["broken"]!["evalue"]));
        Assert.Single(_sent.Iopub(request), m => m.MsgType == "execute_result");
    }

    [Fact]
    public void Interrupt_on_control_stops_a_running_cell()
    {
        var running = Send("execute_request", Execute("sleep"));
        Assert.True(_engine.Sleeping.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var interrupt = Send("interrupt_request", channel: KernelChannel.Control);
        Spec.Reply(_sent.ReplyTo(interrupt, KernelChannel.Control), interrupt, "interrupt_reply");
        var reply = _sent.ReplyTo(running);
        Spec.Reply(reply, running, "execute_reply", "error");
        Assert.Equal("Interrupted", Spec.Text(reply.Content["ename"]));
        Assert.Equal(1, _engine.Interrupts);
    }

    [Fact]
    public void Complete_converts_cursor_positions_between_code_points_and_utf16()
    {
        // "😀" is one code point but two UTF-16 units: Jupyter's cursor 5 is .NET index 6.
        string code = "😀; Co";
        var request = Send("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = 5 });
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "complete_reply");
        Assert.Equal(["Console", "Convert"], reply.Content["matches"]!.AsArray().Select(Spec.Text));
        Assert.Equal(3, Spec.Int(reply.Content["cursor_start"]));
        Assert.Equal(5, Spec.Int(reply.Content["cursor_end"]));
        Assert.IsType<JsonObject>(reply.Content["metadata"]);
    }

    [Fact]
    public void Inspect_reports_found_with_data_or_not_found_with_empty_data()
    {
        var found = Send("inspect_request", new JsonObject { ["code"] = "Console", ["cursor_pos"] = 3, ["detail_level"] = 1 });
        var reply = _sent.ReplyTo(found);
        Spec.Reply(reply, found, "inspect_reply");
        Assert.True(reply.Content["found"]!.GetValue<bool>());
        Assert.Contains("standard streams", Spec.Text(reply.Content["data"]!["text/plain"]));

        var missing = Send("inspect_request", new JsonObject { ["code"] = "nothing", ["cursor_pos"] = 3, ["detail_level"] = 0 });
        var none = _sent.ReplyTo(missing);
        Assert.False(none.Content["found"]!.GetValue<bool>());
        Assert.Empty(none.Content["data"]!.AsObject());
        Assert.IsType<JsonObject>(none.Content["metadata"]);
    }

    [Theory]
    [InlineData("int x = 1;", "complete", null)]
    [InlineData("if (x) {", "incomplete", "    ")]
    [InlineData("}", "invalid", null)]
    [InlineData("?", "unknown", null)]
    public void Is_complete_maps_the_engine_answer(string code, string status, string? indent)
    {
        var request = Send("is_complete_request", new JsonObject { ["code"] = code });
        var reply = _sent.ReplyTo(request);
        Spec.Header(reply, "is_complete_reply");
        Assert.Equal(status, Spec.Text(reply.Content["status"]));
        Assert.Equal(indent, reply.Content["indent"]?.GetValue<string>());
    }

    [Fact]
    public void History_serves_tail_range_and_search()
    {
        foreach (var code in new[] { "value:1", "value:2", "value:1", "print:x" })
            _sent.ReplyTo(Send("execute_request", Execute(code)));

        JsonArray History(JsonObject content)
        {
            var request = Send("history_request", content);
            var reply = _sent.ReplyTo(request);
            Spec.Reply(reply, request, "history_reply");
            return reply.Content["history"]!.AsArray();
        }
        var tail = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2, ["output"] = false, ["raw"] = true });
        Assert.Equal(["value:1", "print:x"], tail.Select(h => Spec.Text(h![2])));
        Assert.Equal([3, 4], tail.Select(h => Spec.Int(h![1])));

        var withOutput = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 1, ["output"] = true, ["raw"] = true });
        Assert.Equal("print:x", Spec.Text(withOutput[0]![2]![0]));
        Assert.Null(withOutput[0]![2]![1]);

        int session = Spec.Int(tail[0]![0]);
        var range = History(new JsonObject { ["hist_access_type"] = "range", ["session"] = session, ["start"] = 2, ["stop"] = 3, ["output"] = true, ["raw"] = true });
        Assert.Single(range);
        Assert.Equal(2, Spec.Int(range[0]![1]));
        Assert.Equal(["value:2", "2"], range[0]![2]!.AsArray().Select(Spec.Text));

        Assert.Equal(3, History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:?", ["output"] = false, ["raw"] = true }).Count);
        Assert.Equal(2, History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:?", ["unique"] = true, ["output"] = false, ["raw"] = true }).Count);
        Assert.Single(History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "value:[2]", ["output"] = false, ["raw"] = true }));
        Assert.Equal(2, History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "*", ["n"] = 2, ["output"] = false, ["raw"] = true }).Count);
    }

    [Fact]
    public void Comm_info_lists_no_comms_and_comm_open_is_closed_without_a_reply()
    {
        var info = Send("comm_info_request", new JsonObject { ["target_name"] = "jupyter.widget" });
        var reply = _sent.ReplyTo(info);
        Spec.Reply(reply, info, "comm_info_reply");
        Assert.Empty(reply.Content["comms"]!.AsObject());

        var open = Send("comm_open", new JsonObject { ["comm_id"] = "c1", ["target_name"] = "jupyter.widget", ["data"] = new JsonObject() });
        var close = _sent.WaitFor((c, m) => c == KernelChannel.IOPub && m.MsgType == "comm_close").Message;
        Assert.Equal("c1", Spec.Text(close.Content["comm_id"]));
        _sent.WaitFor((c, m) => c == KernelChannel.IOPub && RecordingSender.ParentId(m) == open.MsgId && m.Content["execution_state"]?.GetValue<string>() == "idle");
        Assert.DoesNotContain(_sent.All, s => s.Channel == KernelChannel.Shell && RecordingSender.ParentId(s.Message) == open.MsgId);
    }

    [Fact]
    public async Task Shutdown_replies_then_signals_the_host()
    {
        var request = Send("shutdown_request", new JsonObject { ["restart"] = true }, KernelChannel.Control);
        var reply = _sent.ReplyTo(request, KernelChannel.Control);
        Spec.Reply(reply, request, "shutdown_reply");
        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(await _kernel.ShutdownRequested.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains(_sent.Iopub(request), m => m.MsgType == "shutdown_reply");
    }

    [Fact]
    public void A_handler_that_throws_becomes_an_error_reply_and_the_kernel_goes_on()
    {
        _engine.ThrowFromComplete = true;
        var request = Send("complete_request", new JsonObject { ["code"] = "Co", ["cursor_pos"] = 2 });
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "complete_reply", "error");
        Assert.Contains("completion service crashed", Spec.Text(reply.Content["evalue"]));

        var info = Send("kernel_info_request");
        Spec.Reply(_sent.ReplyTo(info), info, "kernel_info_reply");
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_an_error_reply_that_names_it()
    {
        var request = Send("execute_request", new JsonObject { ["code"] = 5, ["silent"] = false });
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "execute_reply", "error");
        Assert.Contains("'code'", Spec.Text(reply.Content["evalue"]));
    }

    [Fact]
    public void Unknown_request_types_are_ignored_without_a_reply()
    {
        var request = Send("frobnicate_request");
        _sent.WaitFor((c, m) => c == KernelChannel.IOPub && RecordingSender.ParentId(m) == request.MsgId && m.Content["execution_state"]?.GetValue<string>() == "idle");
        Assert.DoesNotContain(_sent.All, s => s.Channel == KernelChannel.Shell && RecordingSender.ParentId(s.Message) == request.MsgId);
    }

    [Fact]
    public void Console_input_prompts_the_frontend_when_allowed()
    {
        var request = Send("execute_request", Execute("input", allowStdin: true));
        var prompt = _sent.WaitFor((c, m) => c == KernelChannel.Stdin && m.MsgType == "input_request").Message;
        Spec.Header(prompt, "input_request");
        Assert.Equal(request.MsgId, RecordingSender.ParentId(prompt));
        Assert.Equal("name? ", Spec.Text(prompt.Content["prompt"]));
        Assert.False(prompt.Content["password"]!.GetValue<bool>());

        var answer = RecordingSender.Request("input_reply", new JsonObject { ["value"] = "Ada" });
        _kernel.Receive(KernelChannel.Stdin, answer);
        Spec.Reply(_sent.ReplyTo(request), request, "execute_reply");
        Assert.Equal("hello Ada", Spec.Text(_sent.Iopub(request).Single(m => m.MsgType == "stream").Content["text"]));
    }

    [Fact]
    public void Stdin_reader_reads_characters_of_the_reply_then_its_line_end()
    {
        var request = Send("execute_request", Execute("read-chars", allowStdin: true));
        _sent.WaitFor((c, m) => c == KernelChannel.Stdin && m.MsgType == "input_request");
        _kernel.Receive(KernelChannel.Stdin, RecordingSender.Request("input_reply", new JsonObject { ["value"] = "ab" }));
        Spec.Reply(_sent.ReplyTo(request), request, "execute_reply");
        Assert.Equal("aab[]", Spec.Text(_sent.Iopub(request).Single(m => m.MsgType == "stream").Content["text"]));
        Assert.Single(_sent.All, s => s.Channel == KernelChannel.Stdin);
    }

    [Fact]
    public void Console_input_without_allow_stdin_fails_the_cell_with_a_clear_message()
    {
        var request = Send("execute_request", Execute("input", allowStdin: false));
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "execute_reply", "error");
        Assert.Contains("allow_stdin", Spec.Text(reply.Content["evalue"]));
    }

    [Fact]
    public void Interrupt_ends_a_wait_for_input()
    {
        var request = Send("execute_request", Execute("input", allowStdin: true));
        _sent.WaitFor((c, m) => c == KernelChannel.Stdin && m.MsgType == "input_request");
        Send("interrupt_request", channel: KernelChannel.Control);
        var reply = _sent.ReplyTo(request);
        Spec.Reply(reply, request, "execute_reply", "error");
        Assert.Equal("OperationCanceledException", Spec.Text(reply.Content["ename"]));
    }
}
