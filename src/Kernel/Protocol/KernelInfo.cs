using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace LearnLM.Kernel.Protocol;

/// <summary>The kernel_info_reply: who we are, the language we run, and where to get help. Chapter 1 (setup).</summary>
public static class KernelInfo
{
    public const string Implementation = "learnlm";
    public const string LanguageName = "csharp";
    public const string MimeType = "text/x-csharp";
    public const string FileExtension = ".cs";

    public static string ImplementationVersion { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The C# version cells are compiled as (Roslyn's latest, e.g. "14.0").</summary>
    public static string LanguageVersion { get; } = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();

    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = KernelSession.ProtocolVersion,
        ["implementation"] = Implementation,
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = new JsonObject
        {
            ["name"] = LanguageName,
            ["version"] = LanguageVersion,
            ["mimetype"] = MimeType,
            ["file_extension"] = FileExtension,
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = MimeType,
            ["nbconvert_exporter"] = "script",
        },
        ["banner"] = $"LearnLM {ImplementationVersion} — C# {LanguageVersion} on {RuntimeInformation.FrameworkDescription}, with TorchSharp. Learn deep learning in C#.",
        ["debugger"] = false,
        ["help_links"] = new JsonArray
        {
            Link("C# language reference", "https://learn.microsoft.com/dotnet/csharp/"),
            Link("TorchSharp", "https://github.com/dotnet/TorchSharp"),
            Link(".NET API browser", "https://learn.microsoft.com/dotnet/api/"),
        },
    };

    static JsonObject Link(string text, string url) => new() { ["text"] = text, ["url"] = url };
}
