using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>A function-like declaration: its body, the token that names it, and how to call it in a message.</summary>
internal sealed record FunctionInfo(SyntaxNode Declaration, SyntaxNode Body, SyntaxToken NameToken, string Kind, string Name);

internal static class Functions
{
    /// <summary>Methods, constructors, finalizers, operators, accessors, expression-bodied properties and local functions.</summary>
    public static readonly SyntaxKind[] Kinds =
    [
        SyntaxKind.MethodDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration, SyntaxKind.OperatorDeclaration,
        SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.GetAccessorDeclaration, SyntaxKind.SetAccessorDeclaration,
        SyntaxKind.InitAccessorDeclaration, SyntaxKind.AddAccessorDeclaration, SyntaxKind.RemoveAccessorDeclaration,
        SyntaxKind.LocalFunctionStatement, SyntaxKind.PropertyDeclaration, SyntaxKind.IndexerDeclaration,
    ];

    public static FunctionInfo? Describe(SyntaxNode node)
    {
        switch (node)
        {
            case BaseMethodDeclarationSyntax method when Body(method.Body, method.ExpressionBody) is { } body:
                var (token, kind, name) = method switch
                {
                    MethodDeclarationSyntax m => (m.Identifier, "Method", m.Identifier.ValueText),
                    ConstructorDeclarationSyntax c => (c.Identifier, "Constructor", c.Identifier.ValueText),
                    DestructorDeclarationSyntax d => (d.Identifier, "Finalizer", "~" + d.Identifier.ValueText),
                    OperatorDeclarationSyntax o => (o.OperatorToken, "Operator", "operator " + o.OperatorToken.ValueText),
                    ConversionOperatorDeclarationSyntax c => (c.ImplicitOrExplicitKeyword, "Conversion", c.ImplicitOrExplicitKeyword.ValueText + " operator " + c.Type),
                    _ => (default, "", ""),
                };
                return token == default ? null : new FunctionInfo(node, body, token, kind, name);
            case AccessorDeclarationSyntax accessor when Body(accessor.Body, accessor.ExpressionBody) is { } body:
                var owner = accessor.Parent?.Parent switch
                {
                    PropertyDeclarationSyntax p => p.Identifier.ValueText,
                    EventDeclarationSyntax e => e.Identifier.ValueText,
                    IndexerDeclarationSyntax => "this[]",
                    _ => "",
                };
                return new FunctionInfo(node, body, accessor.Keyword, "Accessor", owner + "." + accessor.Keyword.ValueText);
            case LocalFunctionStatementSyntax local when Body(local.Body, local.ExpressionBody) is { } body:
                return new FunctionInfo(node, body, local.Identifier, "Local function", local.Identifier.ValueText);
            case PropertyDeclarationSyntax { ExpressionBody: { } arrow } property:
                return new FunctionInfo(node, arrow, property.Identifier, "Property", property.Identifier.ValueText);
            case IndexerDeclarationSyntax { ExpressionBody: { } arrow } indexer:
                return new FunctionInfo(node, arrow, indexer.ThisKeyword, "Indexer", "this[]");
            default:
                return null;
        }
    }

    private static SyntaxNode? Body(BlockSyntax? block, ArrowExpressionClauseSyntax? arrow) => (SyntaxNode?)block ?? arrow;

    /// <summary>The nodes of a body, without those of nested local functions (they are functions of their own).</summary>
    public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode body) =>
        body.DescendantNodes(n => n is not LocalFunctionStatementSyntax).Where(n => n is not LocalFunctionStatementSyntax);
}
