using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using LearnLM.Tests.Common;

namespace LearnLM.Kernel.Extensions.Tests.Packaging;

public sealed class PackageLayoutTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    /// <summary>Packs src/Kernel.Extensions as built for these tests (no rebuild) into a temporary folder.</summary>
    static string Pack()
    {
        string project = Path.Combine(SharedData.RepoRoot, "src", "Kernel.Extensions");
        string output = Directory.CreateTempSubdirectory("learnlm-pack-").FullName;
        var start = new ProcessStartInfo("dotnet", ["pack", project, "--no-build", "--no-restore", "-c", Configuration, "-o", output, "-v", "q"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet pack failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
        return Directory.GetFiles(output, "LearnLM.Kernel.Extensions.*.nupkg").Single();
    }

    [Fact]
    public void The_package_carries_the_polyglot_extension_script_and_the_library()
    {
        string package = Pack();
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/LearnLM.Kernel.Extensions.dll", names);
        Assert.Contains("licenses/plotly.js/LICENSE", names);
        var dib = zip.GetEntry("interactive-extensions/dotnet/extension.dib");
        Assert.NotNull(dib);
        using var reader = new StreamReader(dib.Open());
        var notebook = DibNotebook.Parse(reader.ReadToEnd());

        Assert.Equal("csharp", notebook.DefaultKernel);
        Assert.NotEmpty(notebook.Cells);
        Assert.All(notebook.Cells, cell => Assert.Equal("csharp", cell.Kernel));
        // The script stays thin: it hands over to the tested C# entry point, which must exist.
        Assert.Contains(notebook.Cells, cell => cell.Code.Contains("LearnLM.Kernel.Extensions.Polyglot.Register();"));
        Assert.NotNull(typeof(Polyglot).GetMethod(nameof(Polyglot.Register), Type.EmptyTypes));
        Assert.True(notebook.Cells.Sum(c => c.Code.Split('\n').Length) < 20, "extension.dib should stay a few lines");
    }

    [Fact]
    public void The_dib_parser_rejects_a_script_without_meta() =>
        Assert.Throws<FormatException>(() => DibNotebook.Parse("#!csharp\n1 + 1"));
}

/// <summary>A .dib notebook: a <c>#!meta</c> JSON header naming the kernels, then cells each opened by <c>#!kernel</c>.</summary>
sealed record DibNotebook(string DefaultKernel, IReadOnlyList<(string Kernel, string Code)> Cells)
{
    public static DibNotebook Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var sections = new List<(string Kernel, List<string> Lines)>();
        foreach (var line in lines)
        {
            if (line.StartsWith("#!", StringComparison.Ordinal) && line.Length > 2 && char.IsLetter(line[2]) && !line.Contains(' '))
                sections.Add((line[2..], new()));
            else if (sections.Count > 0) sections[^1].Lines.Add(line);
            else if (line.Trim().Length > 0) throw new FormatException($"Text before the first #! line: '{line}'.");
        }
        if (sections.Count == 0 || sections[0].Kernel != "meta") throw new FormatException("A .dib starts with a #!meta section.");
        using var meta = JsonDocument.Parse(string.Join('\n', sections[0].Lines));
        var kernelInfo = meta.RootElement.GetProperty("kernelInfo");
        string defaultKernel = kernelInfo.GetProperty("defaultKernelName").GetString()!;
        var known = kernelInfo.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToHashSet();
        var cells = sections.Skip(1).Select(s => (s.Kernel, string.Join('\n', s.Lines).Trim())).ToList();
        foreach (var (kernel, _) in cells)
            if (!known.Contains(kernel)) throw new FormatException($"Cell kernel '{kernel}' is not in the #!meta kernel items.");
        return new(defaultKernel, cells);
    }
}
