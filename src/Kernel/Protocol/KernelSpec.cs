using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Protocol;

/// <summary>
/// The kernelspec folder Jupyter finds us by: <c>kernel.json</c> (how to start the kernel) and two logos, under
/// <c>share/jupyter/kernels/NAME</c> of the user's data folder or of a prefix. Written to a temporary folder
/// beside the target and then moved, so a frontend never sees half a kernelspec. Chapter 1 (setup).
/// </summary>
public static class KernelSpec
{
    public const string DefaultName = "csharp-learnlm";
    public const string DisplayName = "C# (LearnLM)";
    /// <summary>Jupyter interrupts by control message; the kernel also honours SIGINT (a terminal's Ctrl+C).</summary>
    public const string InterruptMode = "message";

    /// <summary>Jupyter's per-user data folder: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter.</summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } explicitDir) return explicitDir;
        if (Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "jupyter");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter");
    }

    public static string KernelsDirectory(string? prefix) =>
        prefix is null ? Path.Combine(UserDataDirectory(), "kernels") : Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    public static JsonObject KernelJson(IReadOnlyList<string> launcher) => new()
    {
        ["argv"] = new JsonArray([.. launcher.Select(arg => (JsonNode?)JsonValue.Create(arg)), "kernel", "--connection-file", "{connection_file}"]),
        ["display_name"] = DisplayName,
        ["language"] = KernelInfo.LanguageName,
        ["interrupt_mode"] = InterruptMode,
        ["env"] = new JsonObject
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // Every cell runs through Roslyn, whose NuGet assemblies carry no precompiled code. With dynamic PGO its hot
            // paths spend the first several hundred cells in slow instrumented code (each cell's new submission keeps
            // the JIT busy), which doubled a trivial cell's round trip. Plain tiering reaches optimised code within
            // a few cells. Only the kernel process: the runner and grader keep the runtime's defaults.
            ["DOTNET_TieredPGO"] = "0",
        },
        ["metadata"] = new JsonObject { ["debugger"] = false, ["learnlm_version"] = KernelInfo.ImplementationVersion },
    };

    /// <summary>Writes the kernelspec and returns its folder; replaces an earlier install of the same name.</summary>
    public static string Install(string kernelsDirectory, string name, IReadOnlyList<string> launcher)
    {
        ValidateName(name);
        Directory.CreateDirectory(kernelsDirectory);
        string target = Path.Combine(kernelsDirectory, name);
        string staging = Path.Combine(kernelsDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, "kernel.json"), KernelJson(launcher).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            File.WriteAllBytes(Path.Combine(staging, "logo-32x32.png"), PngLogo.Create(32));
            File.WriteAllBytes(Path.Combine(staging, "logo-64x64.png"), PngLogo.Create(64));
            // Set the old spec aside rather than delete it first, so a failed move leaves it in place.
            string? previous = Directory.Exists(target) ? Path.Combine(kernelsDirectory, $".{name}.{Guid.NewGuid():N}.old") : null;
            if (previous is not null) Directory.Move(target, previous);
            try { Directory.Move(staging, target); }
            catch
            {
                if (previous is not null) Directory.Move(previous, target);
                throw;
            }
            if (previous is not null) Directory.Delete(previous, recursive: true);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Removes the kernelspec; false when there was none.</summary>
    public static bool Uninstall(string kernelsDirectory, string name)
    {
        ValidateName(name);
        string target = Path.Combine(kernelsDirectory, name);
        if (!Directory.Exists(target)) return false;
        Directory.Delete(target, recursive: true);
        return true;
    }

    /// <summary>Jupyter's rule for kernel names: ASCII letters, digits, '.', '_', '-'.</summary>
    static void ValidateName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || name is "." or "..")
            throw new ArgumentException($"Kernel name '{name}' is not valid: use ASCII letters, digits, '.', '_' and '-' (for example '{DefaultName}').", nameof(name));
    }

    /// <summary>
    /// How to start this very build: the absolute path of the running <c>dotnet</c> host and of <c>learnlm.dll</c>.
    /// The host comes from the process itself when it is <c>dotnet</c>, else from DOTNET_HOST_PATH (set by the SDK),
    /// else from the runtime's install folder, else from PATH.
    /// </summary>
    public static IReadOnlyList<string> CurrentLauncher(string? learnlmDll = null)
    {
        string dll = Path.GetFullPath(learnlmDll ?? typeof(KernelSpec).Assembly.Location);
        return [FindDotnetHost(), dll];
    }

    public static string FindDotnetHost()
    {
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && Path.GetFileName(process) == exe) return process;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return Path.GetFullPath(hostPath);
        // The shared runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        string? runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtimeDir is not null && Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", exe)) is var beside && File.Exists(beside)) return beside;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (Path.Combine(dir, exe) is var candidate && File.Exists(candidate)) return Path.GetFullPath(candidate);
        throw new FileNotFoundException("Cannot find the 'dotnet' host to write into kernel.json. Put dotnet on PATH or set DOTNET_HOST_PATH, then install again.");
    }
}
