using System.Text;
using LearnLM.Kernel.Extensions.Hosts;

namespace LearnLM.Kernel.Extensions.Magics;

/// <summary><c>#!lsmagic</c>: lists the magics this host knows (chapter 1).</summary>
public sealed class LsMagic(MagicRegistry registry) : IMagic
{
    public string Name => "lsmagic";
    public string Summary => "List the available magics.";
    public string Help => """
        #!lsmagic

        Lists every #! magic with one line about it. Add --help to any magic for its details, e.g. #!gpu --help.
        """;
    public bool WrapsCell => false;

    public Task RunAsync(IReadOnlyList<string> args, MagicContext context)
    {
        MagicArguments.Count(this, args, 0, 0);
        var magics = registry.All.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        int width = magics.Max(m => m.Name.Length) + 2;
        var text = new StringBuilder();
        foreach (var magic in magics) text.Append(("#!" + magic.Name).PadRight(width + 2)).AppendLine(magic.Summary);
        context.Host.WriteStream(OutputStream.Stdout, text.Append("Add --help to any magic for its details.\n").ToString());
        return Task.CompletedTask;
    }
}
