using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// The assemblies every cell can use without <c>#r</c> (chapter 1): the .NET runtime, and LearnLM, TorchSharp and
/// the notebook extensions with everything they reference — taken from the host's own output folder, so TorchSharp
/// finds the natives patched there. Built once per process; metadata is shared by every engine.
/// </summary>
static class ScriptReferences
{
    static readonly Lazy<ImmutableArray<MetadataReference>> _all = new(Build);

    public static ImmutableArray<MetadataReference> All => _all.Value;

    /// <summary>The namespaces imported into every session, before any cell.</summary>
    public static IReadOnlyList<string> Imports { get; } = BuildImports();

    static IReadOnlyList<string> BuildImports()
    {
        var learnLm = typeof(LearnLM.Data.IdxFile).Assembly.GetExportedTypes()
            .Select(t => t.Namespace).OfType<string>()
            .Where(n => n == "LearnLM" || n.StartsWith("LearnLM.", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal);
        return ["System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "TorchSharp",
            .. learnLm, "LearnLM.Kernel.Extensions"];
    }

    /// <summary>The first submission of every session: the default imports, <c>using static TorchSharp.torch</c> among them.</summary>
    public static string Prelude { get; } =
        string.Concat(Imports.Select(n => $"using {n};\n")) + "using static TorchSharp.torch;\n";

    static ImmutableArray<MetadataReference> Build()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dll in Directory.EnumerateFiles(runtime, "*.dll"))
            if (IsManaged(dll)) paths.Add(dll);

        // LearnLM, TorchSharp, the extensions and this kernel, with the closure of what they reference.
        var pending = new Queue<Assembly>([typeof(LearnLM.Data.IdxFile).Assembly, typeof(TorchSharp.torch).Assembly,
            typeof(LearnLM.Kernel.Extensions.Display).Assembly, typeof(ScriptGlobals).Assembly]);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            if (!seen.Add(assembly.GetName().Name!) || string.IsNullOrEmpty(assembly.Location)) continue;
            paths.Add(assembly.Location);
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (seen.Contains(name.Name!) || !platform.ContainsKey(name.Name!)) continue;
                try { pending.Enqueue(Assembly.Load(name)); }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { }
            }
        }
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    static bool IsManaged(string path)
    {
        try { AssemblyName.GetAssemblyName(path); return true; }
        catch (BadImageFormatException) { return false; }
    }
}
