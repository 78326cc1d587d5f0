using LearnLM.Build.NativePatch;

// Usage: NativePatch <native-dir> [--system-libstdcxx PATH]
// Patches <native-dir>/libLibTorchSharp.so in place when this machine's libstdc++ is too old for it.
// Errors use MSBuild's canonical format so the build shows them as errors with the message.
const string Tool = "LearnLM.NativePatch";
try
{
    if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--system-libstdcxx"))
        throw new PatchException("usage: NativePatch <native-dir> [--system-libstdcxx PATH]");

    string nativeDir = Path.GetFullPath(args[0]);
    string library = Path.Combine(nativeDir, "libLibTorchSharp.so");
    if (!File.Exists(library)) throw new PatchException($"{library} does not exist.");
    NuGetCacheGuard.EnsureOutside(nativeDir);

    string libstdcxx = args.Length == 3 ? args[2] : SystemLibStdCxx.Locate();
    var outcome = LibStdCxxPatch.Apply(library, SystemLibStdCxx.Versions(libstdcxx), ShimBuilder.EnsureIn);
    string missing = string.Join(", ", LibStdCxxPatch.ShimSymbols.Keys);
    Console.WriteLine(outcome switch
    {
        PatchOutcome.NotNeeded => $"{Tool}: {libstdcxx} provides every version libLibTorchSharp.so needs; nothing to patch.",
        PatchOutcome.AlreadyPatched => $"{Tool}: {library} is already patched for {libstdcxx}.",
        _ => $"{Tool}: patched {library}: {libstdcxx} lacks {missing}; {LibStdCxxPatch.ShimFileName} supplies it.",
    });
    return 0;
}
catch (Exception e) when (e is PatchException or InvalidDataException or IOException)
{
    Console.Error.WriteLine($"{Tool} : error LLM0001: {e.Message}");
    return 1;
}
