using LearnLM.Kernel.Extensions.Magics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Decides whether typed code is a whole submission (chapter 1): Jupyter's is_complete and the REPL's
/// continuation prompt. Incomplete code (an open brace, a dangling operator) gets the indent for its next line.
/// </summary>
static class CompletenessCheck
{
    const string IndentUnit = "    ";

    public static CompletenessResult Of(string code, CSharpParseOptions options)
    {
        var (_, rest) = CellMagics.Split(code);
        if (string.IsNullOrWhiteSpace(rest)) return new CompletenessResult(Completeness.Complete);
        var tree = CSharpSyntaxTree.ParseText(rest, options);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
            return new CompletenessResult(Completeness.Incomplete, Indent(tree));
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new CompletenessResult(Completeness.Invalid)
            : new CompletenessResult(Completeness.Complete);
    }

    /// <summary>One indent unit per bracket still open (missing closers count as closed, so skip them).</summary>
    static string Indent(SyntaxTree tree)
    {
        int depth = 0;
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsMissing) continue;
            if (token.IsKind(SyntaxKind.OpenBraceToken) || token.IsKind(SyntaxKind.OpenParenToken) || token.IsKind(SyntaxKind.OpenBracketToken)) depth++;
            else if (token.IsKind(SyntaxKind.CloseBraceToken) || token.IsKind(SyntaxKind.CloseParenToken) || token.IsKind(SyntaxKind.CloseBracketToken)) depth--;
        }
        return string.Concat(Enumerable.Repeat(IndentUnit, Math.Max(depth, 0)));
    }
}
