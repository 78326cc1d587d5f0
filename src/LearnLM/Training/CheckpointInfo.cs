namespace LearnLM.Training;

/// <summary>Where training stood when a checkpoint was written (chapter 5).</summary>
public sealed record CheckpointInfo(int Epoch, long GlobalStep);
