using LearnLM.Models;
using LearnLM.Models.Convolution;
using LearnLM.Models.Gpt;
using TorchSharp;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

public sealed class ModelSummaryTests
{
    public ModelSummaryTests() => ContendedCpu.UseOneThread();

    [Fact]
    public void Rows_carry_output_shapes_and_parameter_counts_that_add_up()
    {
        var model = new CifarCnn(inChannels: 1, imageSize: 28);
        var summary = ModelSummary.Of(model, zeros(2, 1, 28, 28));

        Assert.Equal(["conv1", "conv2", "hidden", "output"], summary.Layers.Select(l => l.Name).ToArray());
        Assert.Equal(["Conv2d", "Conv2d", "Linear", "Linear"], summary.Layers.Select(l => l.Type).ToArray());
        Assert.Equal(new long[] { 2, 32, 28, 28 }, summary.Layers[0].OutputShape);
        Assert.Equal(new long[] { 2, 64, 14, 14 }, summary.Layers[1].OutputShape);
        Assert.Equal(new long[] { 2, 10 }, summary.OutputShape);
        Assert.Equal(1 * 9 * 32 + 32, summary.Layers[0].Parameters);
        Assert.Equal(model.parameters().Sum(p => p.numel()), summary.TotalParameters);
        Assert.Equal(summary.TotalParameters, summary.Layers.Sum(l => l.Parameters));
        Assert.Equal(0, summary.FrozenParameters);
        Assert.True(model.training); // the summary ran in eval mode and restored the mode
    }

    [Fact]
    public void Frozen_parameters_are_reported_per_row_and_in_total()
    {
        var model = new CifarCnn(inChannels: 1, imageSize: 28);
        foreach (var p in model.named_parameters().Where(p => p.name.StartsWith("conv1"))) p.parameter.requires_grad = false;
        var summary = ModelSummary.Of(model);
        Assert.False(summary.Layers[0].Trainable);
        Assert.True(summary.Layers[1].Trainable);
        Assert.Equal(summary.Layers[0].Parameters, summary.FrozenParameters);
        Assert.Null(summary.Layers[0].OutputShape); // no sample, no shapes
    }

    [Fact]
    public void Nested_models_are_listed_by_dotted_path_and_rendered_as_text()
    {
        var model = new MiniGpt(new GptConfig(VocabularySize: 11, BlockSize: 8, Layers: 2, Heads: 2, EmbeddingSize: 16));
        var summary = ModelSummary.Of(model, zeros(1, 5, dtype: int64));
        var attention = summary.Layers.Single(l => l.Name == "blocks.1.attention");
        Assert.Equal(3, attention.Depth);
        Assert.Equal(new long[] { 1, 5, 16 }, attention.OutputShape);
        Assert.Equal(new long[] { 1, 5, 11 }, summary.OutputShape);
        string text = summary.ToString();
        Assert.Contains("attention (CausalSelfAttention)", text);
        Assert.Contains($"Total parameters: {summary.TotalParameters:N0}", text);
    }
}
