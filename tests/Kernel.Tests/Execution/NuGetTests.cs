using LearnLM.Kernel.Execution;

namespace LearnLM.Kernel.Tests.Execution;

public sealed class NuGetTests
{
    [Fact]
    public async Task Package_from_the_local_cache_is_referenced()
    {
        // Humanizer.Core 2.14.1 is in the machine's NuGet cache (a dependency the solution restores); skip elsewhere.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(Path.Combine(cache, "humanizer.core", "2.14.1"))) Assert.Skip("Humanizer.Core 2.14.1 is not in the local NuGet cache.");
        using var engine = new ScriptEngine();
        Assert.Equal("Learning rate", await engine.Value("#r \"nuget: Humanizer.Core, 2.14.1\"\nusing Humanizer;\n\"LearningRate\".Humanize()"));
        Assert.Equal("3 items", await engine.Value("\"item\".ToQuantity(3)"));
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
}
