using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Gpt;

/// <summary>GPT's position-wise network (chapter 11): C → 4C → GELU → C, applied to each token alone.</summary>
public sealed class GptMlp : nn.Module<Tensor, Tensor>
{
    readonly Linear expand, project;
    readonly Dropout dropout;

    public GptMlp(GptConfig config) : base(nameof(GptMlp))
    {
        expand = nn.Linear(config.EmbeddingSize, 4 * config.EmbeddingSize, hasBias: config.Bias);
        project = nn.Linear(4 * config.EmbeddingSize, config.EmbeddingSize, hasBias: config.Bias);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <param name="input">(B, T, C)</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return dropout.call(project.call(nn.functional.gelu(expand.call(input)))).MoveToOuterDisposeScope(); // (B, T, C)
    }
}
