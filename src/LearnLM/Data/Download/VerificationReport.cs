namespace LearnLM.Data.Download;

/// <summary>The outcome for one file of a dataset check (chapter 1).</summary>
public enum FileCheckStatus { Ok, Missing, WrongSize, WrongChecksum, NoChecksumKnown }

/// <summary>One file's check (chapter 1): what was expected and what was found.</summary>
public sealed record FileCheck(string Path, FileCheckStatus Status, string? Expected, string? Actual)
{
    public bool Failed => Status is FileCheckStatus.Missing or FileCheckStatus.WrongSize or FileCheckStatus.WrongChecksum;
}

/// <summary>The result of <see cref="DatasetStore.Verify"/>: every required file of one copy of a dataset (chapter 1).</summary>
public sealed record VerificationReport(string Name, string Folder, IReadOnlyList<FileCheck> Files)
{
    public bool Passed => Files.All(f => !f.Failed);

    /// <summary>Throws for the first failed file, naming it, the expected and actual values, and what to do.</summary>
    public void ThrowIfFailed()
    {
        string remedy = $"Delete {Folder} if it is in your cache and run `learnlm data fetch {Name}`.";
        foreach (var file in Files)
            switch (file.Status)
            {
                case FileCheckStatus.WrongChecksum: throw new ChecksumMismatchException(file.Path, file.Expected!, file.Actual!, remedy);
                case FileCheckStatus.WrongSize:
                    throw new InvalidDataException($"{file.Path} is {file.Actual} bytes, but {file.Expected} were expected: it is truncated or corrupt. {remedy}");
                case FileCheckStatus.Missing: throw new FileNotFoundException($"{file.Path} is missing from {Name}. {remedy}", file.Path);
            }
    }
}
