using System.Diagnostics;
using System.Text;
using LearnLM.Kernel.Protocol;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Tests.Conformance;

/// <summary>
/// The learnlm kernel installed into a temporary Jupyter prefix, and Debian's Python (the one that has the Jupyter
/// packages) run against it with JUPYTER_PATH pointing there. Skips when that Python or a module is missing.
/// </summary>
sealed class InstalledKernel : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Name = "csharp-learnlm";
    readonly string _root = Directory.CreateTempSubdirectory("learnlm-conformance-").FullName;

    InstalledKernel() => KernelSpec.Install(Path.Combine(_root, "share", "jupyter", "kernels"), Name, KernelSpec.CurrentLauncher());

    /// <summary>Installs the kernel, or skips the test when <paramref name="modules"/> cannot be imported.</summary>
    public static InstalledKernel Require(params string[] modules)
    {
        if (!File.Exists(Python)) Assert.Skip($"{Python} is not installed; install Debian's python3-jupyter-kernel-test and python3-nbclient to run this test.");
        var check = RunProcess(Python, ["-c", "import " + string.Join(", ", modules)], Environment.CurrentDirectory, new Dictionary<string, string>(), TimeSpan.FromSeconds(60));
        if (check.ExitCode != 0) Assert.Skip($"{Python} cannot import {string.Join(", ", modules)} (install Debian's python3-jupyter-kernel-test python3-nbclient python3-nbformat): {check.Output.Trim()}");
        return new InstalledKernel();
    }

    public string TempDirectory => _root;

    public (int ExitCode, string Output) RunPython(IReadOnlyList<string> args, TimeSpan timeout) =>
        RunProcess(Python, args, SharedData.RepoRoot, new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(_root, "share", "jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_root, "runtime"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(_root, "data"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
            ["LEARNLM_KERNEL_NAME"] = Name,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        }, timeout);

    /// <summary>Runs a process to the end (or kills it at <paramref name="timeout"/>), returning its exit code and interleaved output.</summary>
    /// <summary>Executes <paramref name="notebook"/> (relative to the repository) with nbclient on this kernel, validates it and writes it to <paramref name="executed"/>.</summary>
    public (int ExitCode, string Output) ExecuteWithNbclient(string notebook, string executed, TimeSpan timeout) =>
        RunPython(["-c", """
            import sys, nbformat, nbclient
            nb = nbformat.read(sys.argv[1], as_version=4)
            nbclient.NotebookClient(nb, kernel_name=sys.argv[3], timeout=int(sys.argv[4])).execute()
            nbformat.validate(nb)
            nbformat.write(nb, sys.argv[2])
            """, notebook, executed, Name, ((int)timeout.TotalSeconds).ToString()], timeout + TimeSpan.FromMinutes(1));

    internal static (int ExitCode, string Output) RunProcess(string file, IReadOnlyList<string> args, string workingDirectory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return (-1, $"timed out after {timeout.TotalSeconds:F0} s\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a kernel still shutting down may hold a file; the temp folder is cleaned later */ }
    }
}
