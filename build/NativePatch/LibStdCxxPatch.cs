using LearnLM.Build.NativePatch.Elf;

namespace LearnLM.Build.NativePatch;

public enum PatchOutcome { NotNeeded, AlreadyPatched, Patched }

/// <summary>
/// Lets a library built against a newer libstdc++ load on an older one, when the only newer things it asks
/// for are symbols our shim defines. For TorchSharp 0.107 that is GLIBCXX_3.4.32's
/// <c>std::ios_base_library_init()</c>, which GCC 13 (libstdc++ 3.4.32) introduced; Debian 12 and
/// Ubuntu 22.04 ship 3.4.30.
///
/// The patch, all in place (no byte of the file moves):
/// 1. the version requirement becomes weak (VER_FLG_WEAK), so a missing version is not fatal;
/// 2. each symbol bound to that version becomes unversioned (VER_NDX_GLOBAL), so any definition satisfies it;
/// 3. a DT_NEEDED entry names the shim that supplies that definition.
/// </summary>
public static class LibStdCxxPatch
{
    public const string LibStdCxx = "libstdc++.so.6";
    public const string ShimFileName = "libLearnLMStdcxxShim.so";

    /// <summary>What the shim defines, by the libstdc++ version that introduced it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ShimSymbols = new Dictionary<string, string[]>
    {
        ["GLIBCXX_3.4.32"] = ["_ZSt21ios_base_library_initv"],
    };

    /// <summary>The libstdc++ versions <paramref name="libraryPath"/> requires that <paramref name="systemVersions"/> lacks.</summary>
    public static IReadOnlyList<string> MissingVersions(string libraryPath, IReadOnlySet<string> systemVersions) =>
        ElfImage.Load(libraryPath).VersionNeeds()
            .Where(n => n.File == LibStdCxx && !systemVersions.Contains(n.Version))
            .Select(n => n.Version).ToList();

    /// <param name="libraryPath">The library to patch (a copy in a build output, never the NuGet cache).</param>
    /// <param name="systemVersions">The versions the system's libstdc++ defines.</param>
    /// <param name="ensureShim">Puts the shim beside the library; called whenever the patch applies.</param>
    public static PatchOutcome Apply(string libraryPath, IReadOnlySet<string> systemVersions, Action<string> ensureShim)
    {
        var image = ElfImage.Load(libraryPath);
        var missing = image.VersionNeeds().Where(n => n.File == LibStdCxx && !systemVersions.Contains(n.Version)).ToList();
        if (missing.Count == 0) return PatchOutcome.NotNeeded;

        var unsupported = missing.Where(n => !ShimSymbols.ContainsKey(n.Version)).Select(n => n.Version).ToList();
        if (unsupported.Count > 0)
            throw new PatchException(
                $"{libraryPath} needs {string.Join(", ", unsupported)} from {LibStdCxx}, which this system's libstdc++ lacks " +
                "and the LearnLM shim does not provide. Install a newer libstdc++ (GCC 13 or later, e.g. Debian 13 or Ubuntu 24.04).");

        bool changed = false;
        var symbols = image.DynamicSymbols();
        foreach (var need in missing)
        {
            foreach (var symbol in symbols)
            {
                long versym = image.VersymOffset(symbol.Index);
                if ((image.U16(versym) & 0x7fff) != need.Index) continue;
                if (!ShimSymbols[need.Version].Contains(symbol.Name))
                    throw new PatchException(
                        $"{libraryPath} binds {symbol.Name} to {need.Version}, which the LearnLM shim does not define. " +
                        "Install a newer libstdc++ (GCC 13 or later).");
                image.SetU16(versym, ElfImage.VER_NDX_GLOBAL);
                changed = true;
            }
            if ((need.Flags & ElfImage.VER_FLG_WEAK) == 0)
            {
                image.SetU16(need.AuxOffset + 4, (ushort)(need.Flags | ElfImage.VER_FLG_WEAK));
                changed = true;
            }
        }

        if (!image.Needed().Contains(ShimFileName))
        {
            DynamicNeeded.Add(image, ShimFileName);
            changed = true;
        }

        ensureShim(Path.GetDirectoryName(Path.GetFullPath(libraryPath))!);
        if (!changed) return PatchOutcome.AlreadyPatched;
        image.SaveAtomically(libraryPath);
        return PatchOutcome.Patched;
    }
}

public sealed class PatchException(string message) : Exception(message);
