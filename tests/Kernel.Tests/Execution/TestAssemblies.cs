using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LearnLM.Kernel.Tests.Execution;

/// <summary>Compiles a tiny class library to a temporary folder, for <c>#r "path.dll"</c> tests.</summary>
static class TestAssemblies
{
    public static string Compile(string name, string code)
    {
        string dir = Directory.CreateTempSubdirectory("learnlm-dll").FullName;
        string path = Path.Combine(dir, name + ".dll");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var result = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
