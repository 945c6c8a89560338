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
}
