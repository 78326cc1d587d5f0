namespace LearnLM.Kernel.Grading;

/// <summary>Writes files whole or not at all: to a temporary file beside the target, then a move over it.</summary>
static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally { File.Delete(temp); }
    }
}
