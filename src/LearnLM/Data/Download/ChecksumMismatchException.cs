namespace LearnLM.Data.Download;

/// <summary>
/// A file whose SHA-256 is not the one its manifest records (chapter 1): corrupt, truncated, or a different release.
/// The message names the file, both checksums and what to do.
/// </summary>
public sealed class ChecksumMismatchException(string path, string expected, string actual, string remedy)
    : IOException(
        $"{path} has checksum {actual}, but {expected} was expected: the file is corrupt, truncated or a different release. {remedy}")
{
    public string FilePath { get; } = path;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
