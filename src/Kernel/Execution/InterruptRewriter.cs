using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace LearnLM.Kernel.Execution;

/// <summary>
/// Makes a cell interruptible: puts <c>CellInterrupts.Check(session)</c> at the top of every loop body and every
/// method, local function, constructor and block lambda body, so <c>while (true) {}</c> and runaway recursion stop
/// when asked. Inserted code carries no line breaks, so the cell keeps its line numbers (chapter 1).
/// Expression lambdas are left alone: their type (void or not) is unknown before binding.
/// </summary>
sealed class InterruptRewriter(int session) : CSharpSyntaxRewriter
{
    readonly StatementSyntax _check = ParseStatement($"global::LearnLM.Kernel.Execution.CellInterrupts.Check({session});");

    /// <summary>The cell's code with interrupt checks, or the code itself when it has nothing to guard.</summary>
    public static string Rewrite(string code, int session, CSharpParseOptions options)
    {
        var root = CSharpSyntaxTree.ParseText(code, options).GetRoot();
        if (!root.DescendantNodes().Any(NeedsCheck)) return code;
        return new InterruptRewriter(session).Visit(root).ToFullString();
    }

    static bool NeedsCheck(SyntaxNode node) => node is CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax
        or DoStatementSyntax or BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax;

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Guard(body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        var block = ArrowToBlock(arrow, visited.SemicolonToken, ReturnsNothing(visited.ReturnType, visited.Modifiers));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body) return visited.WithBody(Guard(body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        var block = ArrowToBlock(arrow, visited.SemicolonToken, ReturnsNothing(visited.ReturnType, visited.Modifiers));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } body ? visited.WithBlock(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } body ? visited.WithBlock(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Guard(visited.Block));
    }

    BlockSyntax Guard(BlockSyntax block) => block.WithStatements(block.Statements.Insert(0, _check));

    /// <summary>A single-statement loop body becomes a block on the same line: <c>while (c) {check;n++;}</c>.</summary>
    StatementSyntax Guard(StatementSyntax body) => body is BlockSyntax block
        ? Guard(block)
        : Block(_check, body.WithoutTrivia())
            .WithLeadingTrivia(body.GetLeadingTrivia())
            .WithTrailingTrivia(body.GetTrailingTrivia());

    /// <summary><c>=> expr;</c> becomes <c>{check;return expr;}</c>, keeping the arrow's and semicolon's trivia (and so the lines).</summary>
    BlockSyntax ArrowToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsNothing)
    {
        var expression = arrow.Expression;
        StatementSyntax statement = returnsNothing
            ? ExpressionStatement(expression, Token(SyntaxKind.SemicolonToken))
            : ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), expression, Token(SyntaxKind.SemicolonToken));
        return Block(
            Token(arrow.ArrowToken.LeadingTrivia, SyntaxKind.OpenBraceToken, arrow.ArrowToken.TrailingTrivia),
            List([_check, statement]),
            Token(semicolon.LeadingTrivia, SyntaxKind.CloseBraceToken, semicolon.TrailingTrivia));
    }

    /// <summary>void, and async methods returning plain Task/ValueTask, have no value to return.</summary>
    static bool ReturnsNothing(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }) return true;
        if (!modifiers.Any(SyntaxKind.AsyncKeyword)) return false;
        var name = returnType switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        return name is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" };
    }
}
