using System.Runtime.InteropServices;
using LearnLM.Build.NativePatch.Elf;

namespace LearnLM.Build.NativePatch;

/// <summary>Finds the libstdc++ the dynamic linker would give a process on this machine, and the versions it defines.</summary>
public static class SystemLibStdCxx
{
    /// <summary>
    /// Loads libstdc++.so.6 the way any process would (LD_LIBRARY_PATH, ld.so.cache, default folders) and reads
    /// which file that was from /proc/self/maps, so the answer is the library TorchSharp would actually get.
    /// </summary>
    public static string Locate()
    {
        if (!NativeLibrary.TryLoad(LibStdCxxPatch.LibStdCxx, out _))
            throw new PatchException($"{LibStdCxxPatch.LibStdCxx} could not be loaded on this machine; install it (Debian/Ubuntu: apt-get install libstdc++6).");
        var path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
            .FirstOrDefault(p => p is not null && p.StartsWith('/') && Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal));
        return path ?? throw new PatchException($"{LibStdCxxPatch.LibStdCxx} was loaded but does not appear in /proc/self/maps.");
    }

    public static IReadOnlySet<string> Versions(string path) => ElfImage.Load(path).VersionDefinitions();
}
