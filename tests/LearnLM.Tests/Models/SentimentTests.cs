using LearnLM.Models.Attention;
using LearnLM.Models.Recurrent;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class SentimentTests(ITestOutputHelper output)
{
    // A "clear margin" over always answering the majority class (about 50% on this balanced set).
    const double Margin = 0.10;

    [Fact]
    public void The_lstm_classifier_beats_the_majority_class_on_held_out_sentences()
    {
        ContendedCpu.UseOneThread();
        var data = SentimentSplit.Load();
        manual_seed(8);
        var model = new LstmClassifier(data.VocabularySize, embeddingSize: 32, hiddenSize: 32);
        double accuracy = data.TrainAndTest(model, epochs: 8, lr: 5e-3);
        double baseline = data.MajorityBaseline();
        double bestConstant = data.BestConstant();
        output.WriteLine($"LSTM test accuracy {accuracy:P1}, majority baseline {baseline:P1}, best constant on the test split {bestConstant:P1}");
        Assert.True(accuracy > bestConstant + 0.05, $"LSTM {accuracy:P1} vs best constant {bestConstant:P1}");
        Assert.True(accuracy >= baseline + Margin, $"LSTM {accuracy:P1} vs majority {baseline:P1}");
    }

    [Fact]
    public void The_transformer_classifier_beats_the_majority_class_on_held_out_sentences()
    {
        ContendedCpu.UseOneThread();
        var data = SentimentSplit.Load();
        manual_seed(9);
        var model = new TransformerClassifier(data.VocabularySize, embeddingSize: 32, heads: 2, layers: 1, feedForwardSize: 64,
            maxLength: 40, dropoutRate: 0.2);
        double accuracy = data.TrainAndTest(model, epochs: 10, lr: 2e-3, weightDecay: 0.01);
        double baseline = data.MajorityBaseline();
        double bestConstant = data.BestConstant();
        output.WriteLine($"Transformer test accuracy {accuracy:P1}, majority baseline {baseline:P1}, best constant on the test split {bestConstant:P1}");
        Assert.True(accuracy > bestConstant + 0.05, $"Transformer {accuracy:P1} vs best constant {bestConstant:P1}");
        Assert.True(accuracy >= baseline + Margin, $"Transformer {accuracy:P1} vs majority {baseline:P1}");
    }
}
