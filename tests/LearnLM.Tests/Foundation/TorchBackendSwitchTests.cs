using System.Diagnostics;
using System.Text.Json.Nodes;
using LearnLM.Tests.Common;

namespace LearnLM.Tests.Foundation;

/// <summary>
/// The documented build switch (-p:TorchBackend=cuda) changes which TorchSharp package the library references.
/// TorchSharp-cuda-linux is not served here, so this evaluates the project rather than restoring it.
/// </summary>
public sealed class TorchBackendSwitchTests
{
    [Theory]
    [InlineData("cpu", "TorchSharp-cpu", "TorchSharp-cuda-linux")]
    [InlineData("cuda", "TorchSharp-cuda-linux", "TorchSharp-cpu")]
    public async Task The_backend_property_selects_the_TorchSharp_package(string backend, string expected, string other)
    {
        string project = Path.Combine(SharedData.RepoRoot, "src", "LearnLM", "LearnLM.csproj");
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, "-getItem:PackageReference", $"-p:TorchBackend={backend}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var token = TestContext.Current.CancellationToken;
        var errors = process.StandardError.ReadToEndAsync(token);
        string output = await process.StandardOutput.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        Assert.True(process.ExitCode == 0, output + await errors);

        var references = JsonNode.Parse(output)!["Items"]!["PackageReference"]!.AsArray()
            .Select(r => r!["Identity"]!.GetValue<string>()).ToList();
        Assert.Contains(expected, references);
        Assert.DoesNotContain(other, references);
    }
}
