using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Complexity;

/// <summary>
/// A test method (<c>[Fact]</c>, <c>[Theory]</c>, <c>[Test]</c>, <c>[TestCase]</c>, <c>[TestMethod]</c>...) with more
/// assertions than the threshold (<setting>thresholds.test_assertions</setting>). Assertions are calls on
/// <c>Assert</c>, <c>ClassicAssert</c>, <c>StringAssert</c>, <c>CollectionAssert</c> and FluentAssertions'
/// <c>Should()</c>.
/// </summary>
/// <why>
/// A test with many assertions checks many behaviours at once: its name cannot say what failed, and the first failing
/// assertion hides the state of all the others.
/// </why>
/// <example>
/// <code>
/// [Fact]
/// public void Order_works() { /* twelve Assert.Equal calls on different features */ }
/// </code>
/// </example>
/// <fix>
/// <code>
/// [Fact] public void Total_includes_tax() { ... }
/// [Fact] public void Lines_keep_their_order() { ... }
/// </code>
/// </fix>
internal sealed class TooManyAssertions() : CSharpRule("RBCS503", Category.Complexity, Severity.Note, "Too many assertions in one test")
{
    private static readonly HashSet<string> AssertClasses = new(StringComparer.Ordinal) { "Assert", "ClassicAssert", "StringAssert", "CollectionAssert" };

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.MethodDeclaration];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var method = (MethodDeclarationSyntax)node;
        if (!TestCode.IsTestMethod(method) || Functions.Describe(method) is not { } function) return;
        var count = Functions.OwnNodes(function.Body).OfType<InvocationExpressionSyntax>().Count(IsAssertion);
        var limit = file.Thresholds.MaxTestAssertions;
        if (count <= limit) return;
        file.Report(this, method.Identifier, $"Test '{method.Identifier.ValueText}' makes {count} assertions (> {limit}); split it into tests of one behaviour each.");
    }

    private static bool IsAssertion(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Should" } => invocation.ArgumentList.Arguments.Count == 0,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } => AssertClasses.Contains(receiver.Identifier.ValueText),
        MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var receiver } } => AssertClasses.Contains(receiver.Identifier.ValueText),
        _ => false,
    };
}
