using System.Diagnostics;
using System.Reflection;
using LearnLM.Build.NativePatch;
using LearnLM.Build.NativePatch.Elf;

namespace LearnLM.Build.NativePatch.Tests;

public sealed class LibStdCxxPatchTests : IDisposable
{
    const string Version = "GLIBCXX_3.4.32";
    readonly string _dir = Directory.CreateTempSubdirectory("learnlm-nativepatch-").FullName;
    readonly string _library;
    int _shimRequests;

    public LibStdCxxPatchTests()
    {
        string package = typeof(LibStdCxxPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TorchSharpPackagePath").Value!;
        _library = Path.Combine(_dir, "libLibTorchSharp.so");
        File.Copy(Path.Combine(package, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), _library);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // This machine's libstdc++ with every GLIBCXX version above `last` removed: GCC 12 (Debian 12) stops at 3.4.30.
    static IReadOnlySet<string> LibStdCxxUpTo(int last) =>
        SystemLibStdCxx.Versions(SystemLibStdCxx.Locate())
            .Where(v => !v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal) || int.Parse(v["GLIBCXX_3.4.".Length..]) <= last)
            .ToHashSet();

    static IReadOnlySet<string> Gcc12Versions() => LibStdCxxUpTo(30);

    void CountShim(string _) => _shimRequests++;

    [Fact]
    public void Unpatched_library_requires_the_version_strictly()
    {
        var need = ElfImage.Load(_library).VersionNeeds().Single(n => n.Version == Version);
        Assert.Equal(LibStdCxxPatch.LibStdCxx, need.File);
        Assert.Equal(0, need.Flags & ElfImage.VER_FLG_WEAK);
        Assert.Equal([Version], LibStdCxxPatch.MissingVersions(_library, Gcc12Versions()));
    }

    [Fact]
    public void Patch_makes_the_requirement_weak_unversions_the_symbol_and_needs_the_shim()
    {
        Assert.Equal(PatchOutcome.Patched, LibStdCxxPatch.Apply(_library, Gcc12Versions(), CountShim));
        Assert.Equal(1, _shimRequests);

        var image = ElfImage.Load(_library);
        var need = image.VersionNeeds().Single(n => n.Version == Version);
        Assert.Equal(ElfImage.VER_FLG_WEAK, need.Flags & ElfImage.VER_FLG_WEAK);
        var symbol = image.DynamicSymbols().Single(s => s.Name == "_ZSt21ios_base_library_initv");
        Assert.Equal(ElfImage.VER_NDX_GLOBAL, image.U16(image.VersymOffset(symbol.Index)));
        Assert.Contains(LibStdCxxPatch.ShimFileName, image.Needed());
        // The libraries it needed before are all still needed, and still found beside it.
        Assert.Contains("libtorch.so", image.Needed());
        var runpath = image.DynamicEntries().Single(e => e.Tag == ElfImage.DT_RUNPATH);
        Assert.StartsWith("$ORIGIN/", image.DynString((uint)runpath.Value));
        // Only the other versions' requirements are untouched.
        Assert.All(image.VersionNeeds().Where(n => n.Version != Version), n => Assert.Equal(0, n.Flags & ElfImage.VER_FLG_WEAK));
    }

    [Fact]
    public void Readelf_agrees_with_the_patch()
    {
        if (!File.Exists("/usr/bin/readelf")) Assert.Skip("binutils' readelf is not installed; the ELF reader's own view is checked elsewhere.");
        LibStdCxxPatch.Apply(_library, Gcc12Versions(), CountShim);
        string dynamic = Run("/usr/bin/readelf", "-d", _library);
        Assert.Contains($"Shared library: [{LibStdCxxPatch.ShimFileName}]", dynamic);
        string versions = Run("/usr/bin/readelf", "-V", _library);
        Assert.Matches(@"Name: GLIBCXX_3\.4\.32\s+Flags: WEAK", versions);
        string symbols = Run("/usr/bin/readelf", "--dyn-syms", "-W", _library);
        Assert.DoesNotContain("_ZSt21ios_base_library_initv@GLIBCXX_3.4.32", symbols);
        Assert.Contains("_ZSt21ios_base_library_initv", symbols);
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        LibStdCxxPatch.Apply(_library, Gcc12Versions(), CountShim);
        byte[] once = File.ReadAllBytes(_library);
        Assert.Equal(PatchOutcome.AlreadyPatched, LibStdCxxPatch.Apply(_library, Gcc12Versions(), CountShim));
        Assert.Equal(once, File.ReadAllBytes(_library));
        Assert.Equal(2, _shimRequests);   // the shim is still checked, in case it was deleted
    }

    [Fact]
    public void A_libstdcxx_that_has_the_version_leaves_the_library_alone()
    {
        byte[] before = File.ReadAllBytes(_library);
        var gcc13 = Gcc12Versions().Append("GLIBCXX_3.4.31").Append(Version).ToHashSet();
        Assert.Equal(PatchOutcome.NotNeeded, LibStdCxxPatch.Apply(_library, gcc13, CountShim));
        Assert.Equal(before, File.ReadAllBytes(_library));
        Assert.Equal(0, _shimRequests);
    }

    [Fact]
    public void A_version_the_shim_cannot_supply_is_refused_with_what_to_install()
    {
        var gcc11 = LibStdCxxUpTo(28);   // lacks 3.4.29 and 3.4.30 too
        var error = Assert.Throws<PatchException>(() => LibStdCxxPatch.Apply(_library, gcc11, CountShim));
        Assert.Contains("GLIBCXX_3.4.29", error.Message);
        Assert.Contains("GCC 13", error.Message);
    }

    [Fact]
    public void The_NuGet_cache_is_never_patched()
    {
        string cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "torchsharp");
        var error = Assert.Throws<PatchException>(() => NuGetCacheGuard.EnsureOutside(cache));
        Assert.Contains("NuGet package cache", error.Message);
        NuGetCacheGuard.EnsureOutside(_dir);
    }

    [Fact]
    public void The_system_libstdcxx_is_found_and_read()
    {
        string path = SystemLibStdCxx.Locate();
        Assert.True(File.Exists(path), path);
        Assert.Contains("GLIBCXX_3.4", SystemLibStdCxx.Versions(path));
    }

    [Fact]
    public void Not_an_ELF_file_is_refused_by_name()
    {
        string bogus = Path.Combine(_dir, "bogus.so");
        File.WriteAllText(bogus, "not a library");
        var error = Assert.Throws<InvalidDataException>(() => ElfImage.Load(bogus));
        Assert.Contains(bogus, error.Message);
    }

    static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
