namespace LearnLM.Data.Download;

/// <summary>How far a download has got (chapter 1). <see cref="TotalBytes"/> is null when the server does not say.</summary>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long? TotalBytes)
{
    public double? Fraction => TotalBytes is > 0 ? (double)BytesReceived / TotalBytes.Value : null;
}
