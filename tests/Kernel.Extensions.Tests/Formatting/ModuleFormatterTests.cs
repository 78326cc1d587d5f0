using LearnLM.Kernel.Extensions.Formatting.Modules;
using LearnLM.Kernel.Extensions.Hosts;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Formatting;

public sealed class ModuleFormatterTests
{
    [Fact]
    public void A_model_lists_its_parameters_and_totals()
    {
        using var model = nn.Sequential(("hidden", nn.Linear(4, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 2)));
        model.named_parameters().First().parameter.requires_grad = false;   // freeze hidden.weight
        var doc = HtmlDocument.Parse(ModuleFormatter.Format(model)[MimeBundle.Html]);
        var table = doc.Table(".learnlm-frame");
        Assert.Equal(["Parameter", "Shape", "Parameters", "Trainable"], table[0]);
        Assert.Equal(["hidden.weight", "[8, 4]", "32", "no"], table[1]);
        Assert.Equal(["out.bias", "[2]", "2", "yes"], table[^1]);
        var totals = doc.QuerySelector(".learnlm-module-totals")!;
        Assert.Equal((4 * 8 + 8 + 8 * 2 + 2).ToString(), totals.GetAttribute("data-total"));
        Assert.Equal((8 + 8 * 2 + 2).ToString(), totals.GetAttribute("data-trainable"));
    }
}
