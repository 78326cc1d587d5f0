using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Kernel.Protocol;

namespace LearnLM.Kernel.Tests.Protocol;

public sealed class IopubDisplayHostTests
{
    readonly RecordingSender _sent = new();
    readonly JupyterMessage _request = RecordingSender.Request("execute_request");

    IReadOnlyList<JupyterMessage> Sent => _sent.All.Select(s => s.Message).ToArray();

    [Fact]
    public void Writes_from_many_threads_all_arrive_whole_and_in_each_threads_order()
    {
        const int threads = 8, lines = 500;
        using (var host = new IopubDisplayHost(new IopubPublisher(_sent, new KernelSession()), _request))
            Parallel.For(0, threads, t =>
            {
                for (int i = 0; i < lines; i++) host.WriteStream(OutputStream.Stdout, $"t{t}:{i}\n");
            });
        string text = string.Concat(Sent.Select(m => Spec.Text(m.Content["text"])));
        var received = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(threads * lines, received.Length);
        for (int t = 0; t < threads; t++)
            Assert.Equal(Enumerable.Range(0, lines).Select(i => $"t{t}:{i}"), received.Where(line => line.StartsWith($"t{t}:")));
        Assert.All(Sent, m => Assert.Equal(_request.MsgId, RecordingSender.ParentId(m)));
    }

    [Fact]
    public void Consecutive_writes_are_coalesced_and_streams_and_displays_keep_their_order()
    {
        using (var host = new IopubDisplayHost(new IopubPublisher(_sent, new KernelSession()), _request))
        {
            for (int i = 0; i < 1000; i++) host.WriteStream(OutputStream.Stdout, "x");
            host.WriteStream(OutputStream.Stderr, "warning\n");
            host.Display(MimeBundle.Text("shown"));
            host.WriteStream(OutputStream.Stdout, "after\n");
        }
        Assert.Equal(["stream", "stream", "display_data", "stream"], Sent.Select(m => m.MsgType));
        Assert.Equal(new string('x', 1000), Spec.Text(Sent[0].Content["text"]));
        Assert.Equal("stderr", Spec.Text(Sent[1].Content["name"]));
        Assert.Equal("after\n", Spec.Text(Sent[3].Content["text"]));
    }

    [Fact]
    public void Output_of_a_running_cell_arrives_without_waiting_for_its_end()
    {
        using var host = new IopubDisplayHost(new IopubPublisher(_sent, new KernelSession()), _request);
        host.WriteStream(OutputStream.Stdout, "progress 10%\r");
        var message = _sent.WaitFor((_, m) => m.MsgType == "stream", TimeSpan.FromSeconds(10)).Message;
        Assert.Equal("progress 10%\r", Spec.Text(message.Content["text"]));
    }

    [Fact]
    public void Silent_hosts_send_nothing()
    {
        using (var host = new IopubDisplayHost(new IopubPublisher(_sent, new KernelSession()), _request, silent: true))
        {
            host.WriteStream(OutputStream.Stdout, "hidden");
            host.Display(MimeBundle.Text("hidden"), "id");
            host.UpdateDisplay(MimeBundle.Text("hidden"), "id");
        }
        Assert.Empty(Sent);
    }
}
