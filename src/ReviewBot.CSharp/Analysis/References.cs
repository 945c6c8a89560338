using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>How a name is used inside a region of code, found by binding only the identifiers that spell it.</summary>
internal enum Use
{
    None,
    WriteOnly,
    Read,
}

internal static class References
{
    /// <summary>
    /// How <paramref name="symbol"/> is used in <paramref name="scope"/> (outside <paramref name="declaration"/>). An
    /// identifier of the same spelling that does not bind (an unresolved name, an ambiguous call) counts as a read: we
    /// cannot prove it is something else.
    /// </summary>
    public static Use Find(ISymbol symbol, SyntaxNode scope, SyntaxNode? declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = symbol.Name;
        var use = Use.None;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is not SimpleNameSyntax simple || simple.Identifier.ValueText != name) continue;
            if (declaration is not null && declaration.Span.Contains(simple.Span) && !declaration.IsKind(SyntaxKind.MethodDeclaration)) continue;
            var info = model.GetSymbolInfo(simple, cancellationToken);
            var bound = info.Symbol;
            if (bound is null)
            {
                if (info.CandidateSymbols.IsEmpty || info.CandidateSymbols.Any(c => Same(c, symbol))) return Use.Read;
                continue;
            }

            if (!Same(bound, symbol)) continue;
            if (IsPlainWrite(simple)) use = Use.WriteOnly;
            else return Use.Read;
        }

        return use;
    }

    private static bool Same(ISymbol a, ISymbol b) =>
        SymbolEqualityComparer.Default.Equals(a, b) || SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);

    /// <summary>True when the name is the target of a plain assignment (<c>x = ...</c>, <c>this.x = ...</c>), not read.</summary>
    private static bool IsPlainWrite(SimpleNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == target
            && assignment.Parent is ExpressionStatementSyntax;
    }

    /// <summary>True when <paramref name="name"/> appears inside a string literal of <paramref name="root"/> (reflection, binding paths).</summary>
    public static bool AppearsInStrings(SyntaxNode root, string name) =>
        root.DescendantTokens().Any(t =>
            (t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken) || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            && t.ValueText.Contains(name, StringComparison.Ordinal));

    /// <summary>The outermost type declaration containing <paramref name="node"/>.</summary>
    public static TypeDeclarationSyntax? OutermostType(SyntaxNode node) => node.Ancestors().OfType<TypeDeclarationSyntax>().LastOrDefault();

    /// <summary>True when the type or any type containing it is partial (other parts may be generated or unseen).</summary>
    public static bool IsPartial(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Any(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
}
