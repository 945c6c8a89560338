using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>How a name is used inside a region of code.</summary>
internal enum Use
{
    None,
    WriteOnly,
    Read,
}

/// <summary>
/// Finds the uses of a name by syntax alone, conservatively: every identifier that spells the name and could refer to
/// it counts, so a name is reported unused only when nothing in the region can be a use of it. This needs no binding,
/// which is most of the cost of a semantic model.
/// </summary>
internal static class References
{
    /// <summary>
    /// How a local or parameter named <paramref name="name"/> is used in <paramref name="scope"/> after
    /// <paramref name="after"/>: <see cref="Use.Read"/> as soon as one identifier may read it, <see cref="Use.WriteOnly"/>
    /// when every one is the target of a plain assignment. A nested declaration of the same name (a lambda parameter
    /// that shadows it) makes the answer <see cref="Use.Read"/>: we do not guess which one an identifier means.
    /// </summary>
    public static Use OfLocal(string name, SyntaxNode scope, int after, SyntaxNode? declaration, FileContext file)
    {
        foreach (var other in file.Declarations(name))
        {
            if (other == declaration || other.SpanStart < after || !scope.Span.Contains(other.Span)) continue;
            if (declaration is null || !declaration.Span.Contains(other.Span)) return Use.Read;
        }

        var use = Use.None;
        foreach (var simple in file.SimpleNames(name))
        {
            if (simple.SpanStart < after || !scope.Span.Contains(simple.Span) || simple is not IdentifierNameSyntax identifier) continue;
            if (!MayReferToLocal(identifier)) continue;
            if (IsPlainWrite(identifier)) use = Use.WriteOnly;
            else return Use.Read;
        }

        return use;
    }

    /// <summary>
    /// True when a simple name in <paramref name="scope"/> outside <paramref name="declaration"/> may refer to the member
    /// named <paramref name="name"/>: any bare name (<c>Name</c>, <c>this.Name</c>, <c>Type.Name</c>) counts; a member
    /// access on another object (<c>_list.Name</c>) is bound, and counts unless it binds to something else.
    /// </summary>
    public static bool IsMentioned(string name, SyntaxNode scope, SyntaxNode declaration, FileContext file)
    {
        List<SimpleNameSyntax>? accesses = null;
        foreach (var simple in file.SimpleNames(name))
        {
            if (!scope.Span.Contains(simple.Span) || declaration.Span.Contains(simple.Span)) continue;
            if (simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple && !IsSelfOrType(access.Expression))
            {
                (accesses ??= []).Add(simple);
                continue;
            }

            return true;
        }

        if (accesses is null) return false;
        var member = file.Model.GetDeclaredSymbol(declaration, file.CancellationToken);
        foreach (var access in accesses)
        {
            var info = file.Model.GetSymbolInfo(access, file.CancellationToken);
            if (info.Symbol is null || member is null || SymbolEqualityComparer.Default.Equals(Definition(info.Symbol), Definition(member))) return true;
        }

        return false;
    }

    // x.Fill(v) binds to the reduced, constructed form of the extension method Fill<T>(this IList<T>, T).
    private static ISymbol Definition(ISymbol symbol) =>
        (symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol).OriginalDefinition;

    // this.Name, base.Name and Type.Name (an uppercase receiver, by convention a type) may be the member itself.
    private static bool IsSelfOrType(ExpressionSyntax receiver) => receiver switch
    {
        ThisExpressionSyntax or BaseExpressionSyntax => true,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText.Length > 0 && char.IsUpper(identifier.Identifier.ValueText[0]),
        _ => false,
    };

    /// <summary>False where an identifier names a member or a parameter of something else, never a local.</summary>
    private static bool MayReferToLocal(IdentifierNameSyntax identifier) => identifier.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == identifier,
        MemberBindingExpressionSyntax => false,
        QualifiedNameSyntax qualified => qualified.Left == identifier,
        NameColonSyntax or NameEqualsSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression or (int)SyntaxKind.WithInitializerExpression } } assignment
            => assignment.Left != identifier,
        _ => true,
    };

    /// <summary>True when the name is the target of a plain assignment statement (<c>x = ...;</c>), which does not read it.</summary>
    private static bool IsPlainWrite(IdentifierNameSyntax name) =>
        name.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == name
        && assignment.Parent is ExpressionStatementSyntax;

    /// <summary>The outermost type declaration containing <paramref name="node"/>.</summary>
    public static TypeDeclarationSyntax? OutermostType(SyntaxNode node) => node.Ancestors().OfType<TypeDeclarationSyntax>().LastOrDefault();

    /// <summary>True when the type or any type containing it is partial (other parts may be generated or unseen).</summary>
    public static bool IsPartial(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Any(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
}
