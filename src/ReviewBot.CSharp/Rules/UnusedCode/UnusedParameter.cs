using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.UnusedCode;

/// <summary>
/// A parameter of a private method that the method never uses. Stays silent when the method is used as a delegate
/// (its signature is then imposed), looks like an event handler, only throws, has attributes, is passed as a delegate in another part of its partial type,
/// for parameters named <c>_</c>-something, and for a parameter whose name is spelled in an inactive <c>#if</c> region.
/// </summary>
/// <why>
/// An unused parameter makes every caller compute and pass a value for nothing, and suggests that the method does
/// something with it; it is often a bug where the wrong variable was used.
/// </why>
/// <example>
/// <code>
/// private static decimal Total(IEnumerable&lt;Line&gt; lines, decimal discount) => lines.Sum(l => l.Price);
/// </code>
/// </example>
/// <fix>
/// <code>
/// private static decimal Total(IEnumerable&lt;Line&gt; lines) => lines.Sum(l => l.Price);
/// </code>
/// </fix>
internal sealed class UnusedParameter() : CSharpRule("RBCS404", Category.UnusedCode, Severity.Note, "Unused parameter of a private method")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE0060"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.MethodDeclaration];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var method = (MethodDeclarationSyntax)node;
        if (method.ParameterList.Parameters.Count == 0 || method.AttributeLists.Count > 0) return;
        if (method.Body is null && method.ExpressionBody is null) return;
        if (method.ExplicitInterfaceSpecifier is not null || method.Modifiers.Any(SyntaxKind.PartialKeyword)) return;
        if (OnlyThrows(method) || LooksLikeEventHandler(method) || !Syntax.IsPrivate(method)) return;
        if (file.Model.GetDeclaredSymbol(method, file.CancellationToken) is not { DeclaredAccessibility: Accessibility.Private } symbol) return;
        if (References.OutermostType(method) is not { } outermost || IsUsedAsDelegate(method, outermost, file)) return;
        // Another part of a partial type may pass the method as a delegate: look there too (the parts the review has).
        if (References.IsPartial(method) && UsedAsDelegateInOtherParts(symbol, file)) return;
        SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
        foreach (var parameter in method.ParameterList.Parameters)
        {
            var name = parameter.Identifier.ValueText;
            if (name.StartsWith('_') || parameter.AttributeLists.Count > 0 || parameter.Modifiers.Any(SyntaxKind.ThisKeyword)) continue;
            if (parameter.Modifiers.Any(SyntaxKind.OutKeyword)) continue;
            if (References.OfLocal(name, body, body.SpanStart, null, file) != Use.None) continue;
            if (file.Unbound.InactiveLineOf(name, method.FullSpan) is { } inactive)
            {
                file.Undecide(this, file.LineOf(parameter.SpanStart), $"parameter '{name}' is spelled in an inactive #if region (line {inactive})");
                continue;
            }

            file.Report(this, parameter.Identifier, $"Parameter '{name}' of private method '{symbol.Name}' is never used; remove it and its argument at the call sites.");
        }
    }

    private static bool OnlyThrows(MethodDeclarationSyntax method) =>
        method.ExpressionBody?.Expression is ThrowExpressionSyntax
        || method.Body is { Statements: [ThrowStatementSyntax] };

    private static bool LooksLikeEventHandler(MethodDeclarationSyntax method) =>
        method.ParameterList.Parameters is [var sender, var args]
        && sender.Type?.ToString() is "object" or "object?" or "Object"
        && args.Type?.ToString().EndsWith("EventArgs", StringComparison.Ordinal) == true;

    private static bool UsedAsDelegateInOtherParts(IMethodSymbol method, FileContext file)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != file.Tree && MentionsBesidesCalls(reference.GetSyntax(file.CancellationToken), method.Name)) return true;
            }
        }

        return false;
    }

    // A name in another part that is not the callee of a call, or a string naming it (reflection).
    private static bool MentionsBesidesCalls(SyntaxNode part, string name) =>
        part.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name && !Syntax.IsCallee(n))
        || Syntax.StringTexts(part).Any(text => text.Contains(name, StringComparison.Ordinal));

    /// <summary>True when the method's name appears anywhere in the type other than as the callee of a call.</summary>
    private static bool IsUsedAsDelegate(MethodDeclarationSyntax method, TypeDeclarationSyntax outermost, FileContext file)
    {
        var name = method.Identifier.ValueText;
        if (file.SimpleNames(name).Any(simple => outermost.Span.Contains(simple.Span) && !Syntax.IsCallee(simple))) return true;
        return file.StringsContain(name);
    }
}
