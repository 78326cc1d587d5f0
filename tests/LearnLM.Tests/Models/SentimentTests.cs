using LearnLM.Models.Recurrent;
using static TorchSharp.torch;

namespace LearnLM.Tests.Models;

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
        output.WriteLine($"LSTM test accuracy {accuracy:P1}, majority baseline {baseline:P1}");
        Assert.True(accuracy >= baseline + Margin, $"LSTM {accuracy:P1} vs majority {baseline:P1}");
    }
}
