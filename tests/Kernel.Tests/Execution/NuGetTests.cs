using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Execution;

public sealed class NuGetTests
{
    [Fact]
    public async Task Package_from_the_local_cache_is_referenced()
    {
        RequirePackageInCache("humanizer.core", "2.14.1");
        using var engine = new ScriptEngine();
        Assert.Equal("Learning rate", await engine.Value("#r \"nuget: Humanizer.Core, 2.14.1\"\nusing Humanizer;\n\"LearningRate\".Humanize()"));
        Assert.Equal("3 items", await engine.Value("\"item\".ToQuantity(3)"));
    }

    [Fact]
    public async Task Package_restored_for_a_cell_that_threw_is_there_for_the_next_cell()
    {
        // The restored assemblies join the session with the first cell that completes, not with the one that restored
        // them. NuGet.Versioning, unlike Humanizer, is not among the default references, so only the restore brings it.
        RequirePackageInCache("nuget.versioning", "8.0.0");
        using var engine = new ScriptEngine();
        var failed = await engine.Run("#r \"nuget: NuGet.Versioning, 8.0.0\"\nthrow new InvalidOperationException(\"after the restore\");");
        Assert.Equal("InvalidOperationException", failed.Error?.Name);
        Assert.Equal("True", await engine.Value("NuGet.Versioning.NuGetVersion.Parse(\"2.14.1-beta\").IsPrerelease"));
        Assert.Equal("2", await engine.Value("NuGet.Versioning.NuGetVersion.Parse(\"2.14.1\").Major"));
    }

    [Fact]
    public async Task Missing_package_is_an_error_naming_it()
    {
        using var engine = new ScriptEngine();
        await engine.Value("var kept = 1;");
        var outcome = await engine.Run("#r \"nuget: LearnLM.NoSuchPackage.Anywhere, 1.0.0\"\n1 + 1");
        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal("NuGetRestoreError", outcome.Error!.Name);
        Assert.Contains("LearnLM.NoSuchPackage.Anywhere", outcome.Error.Value);
        Assert.Equal("1", await engine.Value("kept"));
    }

    [Fact]
    public async Task Malformed_reference_says_how_to_write_one()
    {
        using var engine = new ScriptEngine();
        var outcome = await engine.Run("#r \"nuget: Bad Name!, 1\"");
        Assert.Contains("#r \\\"nuget: Name, Version\\\"".Replace("\\", ""), outcome.Error!.Value);
    }

    /// <summary>Skips unless the package is in the machine's NuGet cache, so the restore needs no network.</summary>
    static void RequirePackageInCache(string id, string version)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(Path.Combine(cache, id, version))) Assert.Skip($"{id} {version} is not in the local NuGet cache.");
    }
}
