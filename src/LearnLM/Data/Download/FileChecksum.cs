using System.IO.Compression;
using System.Security.Cryptography;

namespace LearnLM.Data.Download;

/// <summary>SHA-256 of files, and the check that refuses a file whose checksum is not the expected one (chapter 1).</summary>
public static class FileChecksum
{
    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Throws <see cref="ChecksumMismatchException"/> unless <paramref name="path"/> has SHA-256 <paramref name="expected"/>.</summary>
    public static void Verify(string path, string expected, string remedy = "Delete it and fetch it again (learnlm data fetch NAME).")
    {
        string actual = Sha256(path);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(path, expected.ToLowerInvariant(), actual, remedy);
    }

    /// <summary>The lower-case hex SHA-256 of a gzip file's decompressed bytes.</summary>
    public static string UncompressedSha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        try { return Convert.ToHexStringLower(SHA256.HashData(gzip)); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path} is a damaged gzip file ({e.Message}). Delete it and fetch it again.", e); }
    }

    /// <summary>Throws <see cref="ChecksumMismatchException"/> unless <paramref name="path"/> has MD5 <paramref name="expected"/>.</summary>
    public static void VerifyMd5(string path, string expected, string remedy)
    {
        using var stream = File.OpenRead(path);
        string actual = Convert.ToHexStringLower(MD5.HashData(stream));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(path, $"MD5 {expected.ToLowerInvariant()}", $"MD5 {actual}", remedy);
    }
}
