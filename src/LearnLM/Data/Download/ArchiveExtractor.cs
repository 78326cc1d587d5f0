using System.Formats.Tar;
using System.IO.Compression;

namespace LearnLM.Data.Download;

/// <summary>Extracts a zip or tar.gz into a folder, dropping a leading folder and refusing paths that climb out of it.</summary>
static class ArchiveExtractor
{
    public static void Extract(string archive, string kind, string? root, string destination)
    {
        Directory.CreateDirectory(destination);
        switch (kind)
        {
            case "zip":
                using (var zip = ZipFile.OpenRead(archive))
                    foreach (var entry in zip.Entries)
                        if (Target(entry.FullName, root, destination) is { } path && !entry.FullName.EndsWith('/'))
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                            entry.ExtractToFile(path, overwrite: true);
                        }
                break;
            case "tar.gz":
                using (var file = File.OpenRead(archive))
                using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                using (var tar = new TarReader(gzip))
                    while (tar.GetNextEntry() is { } entry)
                        if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                            && Target(entry.Name, root, destination) is { } path)
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                            entry.ExtractToFile(path, overwrite: true);
                        }
                break;
            default:
                throw new InvalidDataException($"'{kind}' is not an archive kind LearnLM extracts; use \"zip\" or \"tar.gz\".");
        }
    }

    static string? Target(string entryName, string? root, string destination)
    {
        string name = entryName.Replace('\\', '/');
        if (name.StartsWith("__MACOSX/", StringComparison.Ordinal)) return null; // resource forks zipped on a Mac
        if (root is { Length: > 0 })
        {
            if (!name.StartsWith(root, StringComparison.Ordinal)) return null;
            name = name[root.Length..];
        }
        if (name.Length == 0) return null;
        string path = Path.GetFullPath(Path.Combine(destination, name));
        if (!path.StartsWith(Path.GetFullPath(destination) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"The archive entry '{entryName}' would be written outside {destination}; refusing it.");
        return path;
    }
}
