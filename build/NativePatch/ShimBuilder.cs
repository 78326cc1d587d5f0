using System.Diagnostics;

namespace LearnLM.Build.NativePatch;

/// <summary>Compiles the one-function shim library (shim/ios_base_library_init.cpp) with the machine's C++ compiler.</summary>
public static class ShimBuilder
{
    public static string SourcePath => Path.Combine(AppContext.BaseDirectory, "shim", "ios_base_library_init.cpp");

    /// <summary>Builds the shim into <paramref name="directory"/> unless an up-to-date one is already there.</summary>
    public static void EnsureIn(string directory)
    {
        string target = Path.Combine(directory, LibStdCxxPatch.ShimFileName);
        if (File.Exists(target) && File.GetLastWriteTimeUtc(target) >= File.GetLastWriteTimeUtc(SourcePath)) return;

        string compiler = FindCompiler() ?? throw new PatchException(
            "this system's libstdc++ is older than GCC 13, so TorchSharp needs a small compatibility library that is " +
            "compiled during the build, and no C++ compiler was found (looked for $CXX, c++, g++, clang++). " +
            "Install one, e.g. 'sudo apt-get install g++' on Debian/Ubuntu, then build again.");

        string temp = target + ".tmp-" + Environment.ProcessId;
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-shared", "-fPIC", "-O2", "-o", temp, SourcePath }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            File.Delete(temp);
            throw new PatchException($"compiling the libstdc++ shim with {compiler} failed (exit {process.ExitCode}): {errors.Trim()}");
        }
        File.Move(temp, target, overwrite: true);
    }

    static string? FindCompiler()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CXX"), "c++", "g++", "clang++" }.Where(c => !string.IsNullOrWhiteSpace(c));
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate!)) { if (File.Exists(candidate)) return candidate; continue; }
            var found = path.Select(dir => Path.Combine(dir, candidate!)).FirstOrDefault(File.Exists);
            if (found is not null) return found;
        }
        return null;
    }
}
