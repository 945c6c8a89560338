using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>Syntax questions answered without binding.</summary>
internal static class Syntax
{
    /// <summary>True for a member of a class, struct or record that is private: <c>private</c>, or no accessibility modifier.</summary>
    public static bool IsPrivate(MemberDeclarationSyntax member)
    {
        if (member.Parent is not (ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax)) return false;
        var modifiers = member.Modifiers;
        if (modifiers.Any(SyntaxKind.PrivateKeyword)) return !modifiers.Any(SyntaxKind.ProtectedKeyword);
        return !modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.FileKeyword));
    }

    /// <summary>True when <paramref name="name"/> is what a call calls (<c>Name(...)</c>, <c>x.Name(...)</c>), not a method group or a value.</summary>
    public static bool IsCallee(SimpleNameSyntax name)
    {
        SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
    }

    /// <summary>The text of every string literal under <paramref name="node"/>: plain, interpolated and raw.</summary>
    public static IEnumerable<string> StringTexts(SyntaxNode node) =>
        node.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken)
                || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            .Select(t => t.ValueText);
}
