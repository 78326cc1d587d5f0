using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Tests.Hosts;

public sealed class DisplayContextTests
{
    sealed class NullHost : IDisplayHost
    {
        public void WriteStream(OutputStream stream, string text) { }
        public void Display(MimeBundle bundle, string? displayId = null) { }
        public void UpdateDisplay(MimeBundle bundle, string displayId) { }
        public bool SupportsUpdates => false;
    }

    [Fact]
    public async Task The_cell_host_flows_into_async_work_and_is_restored_after()
    {
        var outer = new NullHost();
        var inner = new NullHost();
        using (DisplayContext.Use(outer))
        {
            using (DisplayContext.Use(inner))
            {
                var seen = await Task.Run(async () => { await Task.Yield(); return DisplayContext.Current; });
                Assert.Same(inner, seen);
            }
            Assert.Same(outer, DisplayContext.Current);
        }
        Assert.Null(DisplayContext.Current);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/vnd.plotly.v1+json", true)]
    [InlineData("text/html", false)]
    [InlineData("image/png", false)]
    public void Json_mime_types_are_recognised(string mime, bool isJson) => Assert.Equal(isJson, MimeBundle.IsJson(mime));
}
