namespace LearnLM.Data.Download;

/// <summary>A known dataset and the folders that hold a copy of it (chapter 1).</summary>
public sealed record DatasetStatus(DatasetManifest Manifest, IReadOnlyList<string> PresentAt)
{
    public bool Present => PresentAt.Count > 0;
}
