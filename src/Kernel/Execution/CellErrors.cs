using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Turns what went wrong in a cell into Jupyter's error triple (chapter 1): compile errors with the cell's
/// line and column, exceptions with a stack trace trimmed to the user's frames (cell lines, library calls) —
/// no Roslyn scripting or engine plumbing.
/// </summary>
static class CellErrors
{
    public static ExecutionError Compilation(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe).ToList();
        return new ExecutionError("CompilationError", lines.FirstOrDefault() ?? "compilation failed", lines);
    }

    /// <summary>"(2,5): error CS0103: The name 'y' does not exist in the current context", lines counted in the cell.</summary>
    static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        // A #load-ed file's errors name the file; the cell's own code has no path.
        string file = string.IsNullOrEmpty(span.Path) ? "" : Path.GetFileName(span.Path);
        string where = diagnostic.Location.IsInSource ? $"{file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
        return $"{where}error {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public static ExecutionError Interrupted() =>
        new("Interrupted", "The cell was interrupted.", ["Interrupted: the cell was stopped at your request; earlier cells' variables are kept."]);

    public static ExecutionError Exception(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        if (exception is TargetInvocationException { InnerException: { } invoked }) exception = invoked;
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        traceback.AddRange(Frames(exception));
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
            traceback.AddRange(Frames(inner));
        }
        return new ExecutionError(exception.GetType().Name, exception.Message, traceback);
    }

    static IEnumerable<string> Frames(Exception exception)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            if (method is null || type is null || IsPlumbing(type)) continue;
            int line = frame.GetFileLineNumber();
            string file = frame.GetFileName() is { Length: > 0 } path ? Path.GetFileName(path) : "";
            string at = line <= 0 ? "" : file.Length > 0 ? $" in {file}:line {line}" : $" in cell line {line}";
            if (IsSubmission(type)) yield return $"   at {CellMember(method, type)}{at}";
            else yield return $"   at {type.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name + " " + p.Name))})"
                + (line > 0 ? $" in {Path.GetFileName(frame.GetFileName())}:line {line}" : "");
        }
    }

    static bool IsSubmission(Type type) => (type.FullName ?? "").StartsWith("Submission#", StringComparison.Ordinal);

    static bool IsPlumbing(Type type)
    {
        string name = type.FullName ?? "";
        return name.StartsWith("Microsoft.CodeAnalysis.", StringComparison.Ordinal)
            || name.StartsWith("System.Runtime.CompilerServices.", StringComparison.Ordinal)
            || name.StartsWith("System.Runtime.ExceptionServices.", StringComparison.Ordinal)
            || name.StartsWith("System.Threading.", StringComparison.Ordinal)
            || name.StartsWith("LearnLM.Kernel.Execution.", StringComparison.Ordinal);
    }

    /// <summary>The cell's own name for a frame: "Fib(Int32 n)", or "&lt;cell&gt;" for its top-level code.</summary>
    static string CellMember(MethodBase method, Type type)
    {
        string typeName = type.FullName ?? "";
        // Compiler-made names: "<<Initialize>>d__0" is the cell's body; "<Main>g__Fib|0_0" a local function Fib.
        if (typeName.Contains("<<Initialize>>") || method.Name.Contains("<Initialize>")) return "<cell>";
        var local = Regex.Match(method.Name, @"g__(\w+)\|");
        string name = local.Success ? local.Groups[1].Value : method.Name;
        var asyncMachine = Regex.Match(typeName, @"\+<(\w+)>d__\d+$");
        if (asyncMachine.Success) name = asyncMachine.Groups[1].Value;
        string owner = Regex.Replace(typeName, @"^Submission#\d+\+?", "");
        owner = Regex.Replace(owner, @"\+?<[^>]*>[\w|]*$", "");
        var parameters = string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"));
        return (owner.Length > 0 ? owner.Replace('+', '.') + "." : "") + $"{name}({parameters})";
    }
}
