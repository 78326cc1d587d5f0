using System.Diagnostics;
using System.Security;
using System.Text.Json.Nodes;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Resolves <c>#r "nuget:"</c> packages with an ordinary <c>dotnet restore</c> of a throwaway project, so the
/// machine's NuGet sources, credentials and cache apply as for any build (chapter 1). Returns the runtime
/// assemblies of the packages and their dependencies for the host's target framework.
/// </summary>
static class NuGetRestorer
{
    const string TargetFramework = "net10.0";

    public static async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<NuGetReference> packages, CancellationToken cancellationToken)
    {
        string dir = Path.Combine(Path.GetTempPath(), "learnlm-nuget", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // Empty Directory.Build.* files stop MSBuild from importing whatever lies above the temp folder.
            File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
            var items = string.Concat(packages.Select(p =>
                $"    <PackageReference Include=\"{SecurityElement.Escape(p.Name)}\" Version=\"{SecurityElement.Escape(p.Version ?? "*")}\" />\n"));
            File.WriteAllText(Path.Combine(dir, "Restore.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>{TargetFramework}</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                {items}  </ItemGroup>
                </Project>
                """);
            var (exit, output) = await RunDotnetAsync(dir, cancellationToken);
            string names = string.Join(", ", packages.Select(p => p.Version is null ? p.Name : $"{p.Name} {p.Version}"));
            if (exit != 0)
            {
                var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                    .Select(l => l.Replace(dir + Path.DirectorySeparatorChar + "Restore.csproj", "").Trim(' ', ':')).Distinct().Take(5);
                throw new NuGetRestoreException(
                    $"Could not restore NuGet package {names}: {string.Join(" ", errors).Trim()} Check the name and version, and that a configured NuGet source (or the local cache) has it.");
            }
            return AssembliesFromAssets(Path.Combine(dir, "obj", "project.assets.json"), names);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(int Exit, string Output)> RunDotnetAsync(string dir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "restore", "Restore.csproj", "--nologo", "-v", "q" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new NuGetRestoreException("Could not start 'dotnet restore'; is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try { await process.WaitForExitAsync(cancellationToken); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The runtime assemblies (falling back to compile assemblies) of every package in the restore graph.</summary>
    static IReadOnlyList<string> AssembliesFromAssets(string assetsPath, string names)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!;
        var folders = (assets["packageFolders"] as JsonObject)?.Select(f => f.Key).ToList() ?? [];
        var target = (assets["targets"] as JsonObject)?.FirstOrDefault(t => !t.Key.Contains('/')).Value as JsonObject
            ?? throw new NuGetRestoreException($"The restore of {names} produced no {TargetFramework} target.");
        var libraries = assets["libraries"] as JsonObject;
        var paths = new List<string>();
        foreach (var (id, node) in target)
        {
            if (node?["type"]?.GetValue<string>() != "package") continue;
            string folder = libraries?[id]?["path"]?.GetValue<string>() ?? id.ToLowerInvariant();
            var files = (node["runtime"] as JsonObject) ?? (node["compile"] as JsonObject);
            foreach (var file in files?.Select(f => f.Key) ?? [])
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue;   // "_._" marks "nothing for this framework"
                var full = folders.Select(f => Path.Combine(f, folder, file)).FirstOrDefault(File.Exists);
                if (full is not null) paths.Add(full);
            }
        }
        return paths;
    }
}
