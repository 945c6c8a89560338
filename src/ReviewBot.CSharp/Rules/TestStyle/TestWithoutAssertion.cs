using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.TestStyle;

/// <summary>
/// A test method that asserts nothing: no call whose name says it checks (<c>Assert</c>, <c>Verify</c>, <c>Should</c>,
/// <c>Expect</c>, <c>Throws</c>, <c>Received</c>, <c>Match</c>...), no <c>throw</c>, no call of a helper declared in the
/// test project, no <c>[ExpectedException]</c> or <c>ExpectedResult</c>. Calls that do not resolve and might be
/// helpers keep it silent.
/// </summary>
/// <why>
/// A test without an assertion passes whatever the code does (as long as it does not throw): it gives coverage without
/// checking anything, and a regression in what it exercises goes unnoticed.
/// </why>
/// <example>
/// <code>
/// [Fact]
/// public void Applies_discount() { var total = new Cart().Total(code: "SPRING"); }
/// </code>
/// </example>
/// <fix>
/// <code>
/// [Fact]
/// public void Applies_discount() { Assert.Equal(90m, new Cart().Total(code: "SPRING")); }
/// </code>
/// </fix>
internal sealed class TestWithoutAssertion() : CSharpRule("RBCS903", Category.TestStyle, Severity.Warning, "Test without an assertion")
{
    private static readonly string[] CheckingWords =
    [
        "Assert", "Verify", "Should", "Expect", "Throw", "Check", "Ensure", "Validate", "Fail", "Match", "Received", "MustHave", "Snapshot", "Approve",
    ];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.MethodDeclaration];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var method = (MethodDeclarationSyntax)node;
        if (!TestCode.IsTestMethod(method) || method.Body is null && method.ExpressionBody is null) return;
        if (TestCode.HasAttribute(method.AttributeLists, "ExpectedException")
            || method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.ArgumentList?.Arguments.Any(arg => arg.NameEquals?.Name.Identifier.ValueText == "ExpectedResult") == true)) return;
        SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
        foreach (var descendant in body.DescendantNodes())
        {
            switch (descendant)
            {
                case ThrowStatementSyntax or ThrowExpressionSyntax:
                    return;
                case InvocationExpressionSyntax invocation when MayCheck(invocation, file):
                    return;
            }
        }

        file.Report(this, method.Identifier, $"Test '{method.Identifier.ValueText}' asserts nothing, so it passes whatever the code does; assert on the outcome.");
    }

    private static bool MayCheck(InvocationExpressionSyntax invocation, FileContext file)
    {
        var text = invocation.Expression.ToString();
        if (CheckingWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))) return true;
        var info = file.Model.GetSymbolInfo(invocation, file.CancellationToken);
        var method = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        // Declared in source: a helper of this project, which may assert.
        if (method is not null) return method.Locations.Any(l => l.IsInSource);
        // Unresolved: an unqualified call (an inherited helper) or a call on a type we cannot see (a shared helper class)
        // may assert; a call on an object the test made or holds is the code under test.
        return invocation.Expression switch
        {
            SimpleNameSyntax => true,
            MemberAccessExpressionSyntax access => file.Model.GetSymbolInfo(access.Expression, file.CancellationToken).Symbol is null or INamedTypeSymbol
                && access.Expression is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax),
            _ => false,
        };
    }
}
