using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// An equality assertion with a constant as its second (actual) argument and a computed value as its first (expected):
/// xUnit's <c>Assert.Equal(actual, 5)</c>/<c>NotEqual</c>, MSTest's and NUnit classic's <c>AreEqual</c>/<c>AreNotEqual</c>.
/// A first argument named <c>expected</c>... is where it belongs and is left alone.
/// </summary>
/// <why>
/// The failure message labels the first argument "expected" and the second "actual"; swapped, it reads "Expected 4,
/// actual 5" when the code produced 4, which sends the reader the wrong way.
/// </why>
/// <example>
/// <code>
/// Assert.Equal(order.Lines.Count, 3);
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.Equal(3, order.Lines.Count);
/// </code>
/// </fix>
/// <safety>Swapping the arguments of an equality assertion does not change whether it passes.</safety>
internal sealed class LiteralAsActualValue() : CSharpRule("RBCS605", Category.Assertions, Severity.Note, "Constant passed as the actual value")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["xUnit2000"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (AssertCalls.Match(invocation, file) is not { } call || call.Arguments is not [var first, var second]) return;
        if (first.NameColon is not null || second.NameColon is not null) return;
        var isEquality = (call.Framework, call.Method) switch
        {
            (TestFramework.XUnit, "Equal" or "NotEqual" or "StrictEqual" or "NotStrictEqual") => true,
            (TestFramework.MSTest or TestFramework.NUnit, "AreEqual" or "AreNotEqual") => true,
            _ => false,
        };
        if (!isEquality) return;
        if (!AssertCalls.IsValueConstant(second.Expression, file.Model, file.CancellationToken)
            || AssertCalls.IsValueConstant(first.Expression, file.Model, file.CancellationToken)
            || AssertCalls.IsNull(first.Expression)) return;
        // A value named 'expected' is in its place: the helper compares against a fixed actual on purpose.
        var firstName = first.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => "",
        };
        if (firstName.TrimStart('_').StartsWith("expected", StringComparison.OrdinalIgnoreCase)) return;
        var replacement = $"{invocation.Expression}({second.Expression}, {first.Expression})";
        file.Report(
            this,
            second.Expression,
            $"'{invocation.Expression}' takes the expected value first, but the constant '{second.Expression}' is passed as the actual value; swap the arguments.",
            file.ReplaceOnLine(invocation, replacement, "Swap expected and actual."));
    }
}
