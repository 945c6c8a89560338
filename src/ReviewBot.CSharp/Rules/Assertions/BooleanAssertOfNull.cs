using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// A boolean assertion of a null check: <c>Assert.True(x == null)</c>, <c>Assert.False(x != null)</c>,
/// <c>Assert.True(x is null)</c> and their negations, in xUnit, NUnit (<c>Assert.That</c>) and MSTest
/// (<c>Assert.IsTrue</c>).
/// </summary>
/// <why>
/// When <c>Assert.True(user == null)</c> fails, the output only says it was false; <c>Assert.Null(user)</c> prints the
/// object that was there instead, which usually explains the failure.
/// </why>
/// <example>
/// <code>
/// Assert.True(result.Error == null);
/// Assert.False(user is null);
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.Null(result.Error);
/// Assert.NotNull(user);
/// </code>
/// </fix>
internal sealed class BooleanAssertOfNull() : BooleanAssertRule("RBCS603", "Boolean assertion of a null check")
{
    protected override string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file)
    {
        ExpressionSyntax? value = null;
        var isNullCheck = true;
        switch (condition)
        {
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                if (AssertCalls.IsNull(binary.Right) && !AssertCalls.IsNull(binary.Left)) value = binary.Left;
                else if (AssertCalls.IsNull(binary.Left) && !AssertCalls.IsNull(binary.Right)) value = binary.Right;
                isNullCheck = binary.IsKind(SyntaxKind.EqualsExpression);
                break;
            case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } pattern when AssertCalls.IsNull(constant):
                value = pattern.Expression;
                break;
            case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } } pattern when AssertCalls.IsNull(constant):
                value = pattern.Expression;
                isNullCheck = false;
                break;
        }

        if (value is null) return null;
        var expectNull = isNullCheck == positive;
        return call.Replace(
            $"Assert.{(expectNull ? "Null" : "NotNull")}({value})",
            $"Assert.That({value}, Is.{(expectNull ? "" : "Not.")}Null)",
            $"Assert.{(expectNull ? "IsNull" : "IsNotNull")}({value})");
    }
}
