using LearnLM.Kernel.Extensions.Formatting.Modules;
using LearnLM.Kernel.Extensions.Hosts;
using LearnLM.Models;
using static TorchSharp.torch;

namespace LearnLM.Kernel.Extensions.Tests.Formatting;

public sealed class ModuleFormatterTests
{
    [Fact]
    public void A_model_shows_its_layers_and_parameter_totals()
    {
        using var model = nn.Sequential(("hidden", nn.Linear(4, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 2)));
        model.named_parameters().First().parameter.requires_grad = false;   // freeze hidden.weight
        var doc = HtmlDocument.Parse(ModuleFormatter.Format(model)[MimeBundle.Html]);
        var table = doc.Table(".learnlm-frame");
        Assert.Equal(["Name", "Type", "Output shape", "Parameters", "Trainable"], table[0]);
        Assert.Equal(["hidden", "Linear", "-", "40", "no"], table[1]);
        Assert.Equal(["relu", "ReLU", "-", "0", ""], table[2]);
        Assert.Equal(["out", "Linear", "-", "18", "yes"], table[3]);
        var totals = doc.QuerySelector(".learnlm-module-totals")!;
        Assert.Equal((4 * 8 + 8 + 8 * 2 + 2).ToString(), totals.GetAttribute("data-total"));
        Assert.Equal((8 + 8 * 2 + 2).ToString(), totals.GetAttribute("data-trainable"));
    }

    [Fact]
    public void A_summary_with_a_sample_input_shows_output_shapes()
    {
        using var model = nn.Sequential(("conv", nn.Conv2d(1, 4, 3)), ("flat", nn.Flatten()), ("fc", nn.Linear(4 * 26 * 26, 10)));
        using var x = zeros(2, 1, 28, 28);
        var bundle = ModuleFormatter.Format(ModelSummary.Of(model, x));
        var table = HtmlDocument.Parse(bundle[MimeBundle.Html]).Table(".learnlm-frame");
        Assert.Equal("[2, 4, 26, 26]", table[1][2]);
        Assert.Equal("[2, 2704]", table[2][2]);
        Assert.Equal("[2, 10]", table[3][2]);
        Assert.Equal("27,050", table[3][3]);   // 2704 × 10 weights + 10 biases
        Assert.Contains("27,090 parameters", bundle[MimeBundle.Html]);   // with the convolution's 4 × 9 + 4
    }
}
