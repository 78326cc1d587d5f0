using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LearnLM.Models.Recurrent;

/// <summary>
/// A text classifier (chapter 9): token embeddings → one-layer LSTM → the hidden state at each sentence's last
/// real token → dropout → dense layer to class logits. Batches are right-padded with token id
/// <see cref="PadId"/>; reading the LSTM at the last <em>padded</em> position instead — the classic bug — would
/// make the prediction depend on how much padding the batch happened to need.
/// </summary>
public sealed class LstmClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>The token id that marks padding; the embedding keeps it at zero and untrained.</summary>
    public const long PadId = 0;

    readonly Embedding embedding;
    readonly nn.Module<Tensor, Tensor> lstm;
    readonly Dropout dropout;
    readonly Linear head;

    /// <param name="fromScratch">Use <see cref="Lstm"/> (gates written out) instead of <c>nn.LSTM</c>; slower, same maths.</param>
    public LstmClassifier(long vocabularySize, long embeddingSize = 64, long hiddenSize = 64, long numClasses = 2,
        double dropoutRate = 0.3, bool fromScratch = false) : base(nameof(LstmClassifier))
    {
        embedding = nn.Embedding(vocabularySize, embeddingSize, padding_idx: PadId);
        lstm = fromScratch ? new Lstm(embeddingSize, hiddenSize) : new BuiltInLstm(embeddingSize, hiddenSize);
        dropout = nn.Dropout(dropoutRate);
        head = nn.Linear(hiddenSize, numClasses);
        RegisterComponents();
    }

    /// <param name="tokens">(B, T) int64 token ids, right-padded with <see cref="PadId"/>.</param>
    /// <returns>(B, classes) logits.</returns>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var states = lstm.call(embedding.call(tokens));     // (B, T, H)
        var last = LastRealStep(states, tokens);            // (B, H)
        return head.call(dropout.call(last)).MoveToOuterDisposeScope();
    }

    /// <summary>The state at each row's last non-pad position (position 0 for an all-pad row).</summary>
    /// <param name="states">(B, T, H)</param>
    /// <param name="tokens">(B, T)</param>
    /// <returns>(B, H)</returns>
    public static Tensor LastRealStep(Tensor states, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var lengths = tokens.ne(PadId).sum(1);                          // (B)
        var lastIndex = (lengths - 1).clamp_min(0);                     // (B)
        var index = lastIndex.view(-1, 1, 1).expand(-1, 1, states.shape[2]); // (B, 1, H)
        return states.gather(1, index).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary><c>nn.LSTM</c> (batch first) as a module from sequence to per-step states.</summary>
    sealed class BuiltInLstm : nn.Module<Tensor, Tensor>
    {
        readonly LSTM lstm;
        public BuiltInLstm(long inputSize, long hiddenSize) : base("LSTM")
        {
            lstm = nn.LSTM(inputSize, hiddenSize, batchFirst: true);
            RegisterComponents();
        }
        public override Tensor forward(Tensor input)
        {
            var (output, hidden, cell) = lstm.call(input);
            hidden.Dispose(); cell.Dispose();
            return output;
        }
    }
}
