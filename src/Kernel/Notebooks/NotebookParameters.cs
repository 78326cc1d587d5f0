using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LearnLM.Kernel.Notebooks;

/// <summary>
/// Papermill's parameter convention for C# notebooks (chapter 1): the cell tagged <c>parameters</c> holds defaults
/// (<c>int epochs = 3;</c>); <c>--param epochs=10</c> injects a cell tagged <c>injected-parameters</c> right after
/// it, assigning each value as a C# literal of the type the default had (number, bool or string).
/// </summary>
public static class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Reads command-line <c>key=value</c> pairs (the last of a repeated key wins).</summary>
    /// <exception cref="ArgumentException">A pair without '=' or without a key; the message shows the form to use.</exception>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--param '{pair}': write key=value, e.g. --param epochs=5.");
            values[pair[..equals].Trim()] = pair[(equals + 1)..];
        }
        return values;
    }

    /// <summary>Inserts (or replaces) the injected-parameters cell; returns warnings (unknown names, no parameters cell).</summary>
    /// <exception cref="ArgumentException">A value that cannot be written as its parameter's type; the message names both.</exception>
    public static IReadOnlyList<string> Inject(Notebook notebook, IReadOnlyDictionary<string, string> values)
    {
        var warnings = new List<string>();
        if (values.Count == 0) return warnings;
        var cells = (System.Text.Json.Nodes.JsonArray)notebook.Root["cells"]!;
        for (int i = cells.Count - 1; i >= 0; i--)
            if (new NotebookCell(cells[i]!.AsObject()).Tags.Contains(InjectedTag)) cells.RemoveAt(i);

        var all = notebook.Cells;
        int index = all.ToList().FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));
        var defaults = index >= 0 ? Defaults(all[index].Source) : new Dictionary<string, Default>();
        if (index < 0) warnings.Add("No cell is tagged 'parameters'; the parameters are injected at the top of the notebook.");

        var lines = new List<string> { "// Injected parameters" };
        foreach (var (name, value) in values)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ArgumentException($"--param {name}={value}: '{name}' is not a C# variable name.");
            if (!defaults.TryGetValue(name, out var known))
            {
                warnings.Add($"Parameter '{name}' is not assigned in the parameters cell; it is injected with an inferred type.");
                known = new Default(Infer(value), "var", Declares: true);
            }
            string literal = Literal(name, value, known.Type);
            lines.Add(known.Declares ? $"{known.Declaration} {name} = {literal};" : $"{name} = {literal};");
        }

        var injected = notebook.AddCell("code", string.Join("\n", lines));
        injected.Metadata["tags"] = new System.Text.Json.Nodes.JsonArray("injected-parameters");
        cells.RemoveAt(cells.Count - 1);
        cells.Insert(index + 1, injected.Json);
        return warnings;
    }

    /// <param name="Type">The literal's type: int, long, double, float, decimal, bool or string.</param>
    /// <param name="Declaration">How the default was declared ("int", "var"), reused so the injected line reads alike.</param>
    sealed record Default(string Type, string Declaration, bool Declares);

    static Dictionary<string, Default> Defaults(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var found = new Dictionary<string, Default>(StringComparer.Ordinal);
        foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (declarator.Parent is not VariableDeclarationSyntax declaration || declarator.Initializer is null) continue;
            string declared = declaration.Type.ToString();
            string? type = LiteralType(declarator.Initializer.Value) ?? (declared is "int" or "long" or "double" or "float" or "decimal" or "bool" or "string" ? declared : null);
            if (type is not null) found[declarator.Identifier.ValueText] = new Default(type, declared, Declares: true);
        }
        foreach (var assignment in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            if (assignment.Left is IdentifierNameSyntax name && LiteralType(assignment.Right) is { } type)
                found.TryAdd(name.Identifier.ValueText, new Default(type, "", Declares: false));
        return found;
    }

    static string? LiteralType(ExpressionSyntax expression)
    {
        if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } negative) expression = negative.Operand;
        return expression switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } => "bool",
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => "string",
            InterpolatedStringExpressionSyntax => "string",
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } number => number.Token.Value switch
            {
                int => "int", long => "long", double => "double", float => "float", decimal => "decimal", _ => null,
            },
            _ => null,
        };
    }

    static string Infer(string value) =>
        bool.TryParse(value, out _) ? "bool"
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "int"
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? "long"
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "double"
        : "string";

    static string Literal(string name, string value, string type)
    {
        var invariant = CultureInfo.InvariantCulture;
        string? literal = type switch
        {
            "string" => SymbolDisplay.FormatLiteral(value, quote: true),
            "bool" => bool.TryParse(value, out bool b) ? (b ? "true" : "false") : null,
            "int" => int.TryParse(value, NumberStyles.Integer, invariant, out int i) ? i.ToString(invariant) : null,
            "long" => long.TryParse(value, NumberStyles.Integer, invariant, out long l) ? l.ToString(invariant) + "L" : null,
            "double" => double.TryParse(value, NumberStyles.Float, invariant, out double d) && double.IsFinite(d) ? WithPoint(d.ToString("R", invariant)) : null,
            "float" => float.TryParse(value, NumberStyles.Float, invariant, out float f) && float.IsFinite(f) ? f.ToString("R", invariant) + "f" : null,
            "decimal" => decimal.TryParse(value, NumberStyles.Float, invariant, out decimal m) ? m.ToString(invariant) + "m" : null,
            _ => null,
        };
        return literal ?? throw new ArgumentException($"--param {name}={value}: '{name}' is a {type} in the parameters cell, and '{value}' is not a {type}.");
    }

    static string WithPoint(string number) => number.Contains('.') || number.Contains('E') ? number : number + ".0";
}
