using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// A boolean assertion of emptiness on a collection or string whose type resolves: <c>Assert.True(x.Count == 0)</c>,
/// <c>x.Length == 0</c>, <c>x.Count() == 0</c>, <c>!x.Any()</c>, and for non-emptiness <c>x.Any()</c>,
/// <c>x.Count &gt; 0</c>, <c>x.Count != 0</c> (xUnit and NUnit).
/// </summary>
/// <why>
/// When <c>Assert.True(errors.Count == 0)</c> fails, the output only says it was false; <c>Assert.Empty(errors)</c>
/// prints the items that were there, which are the errors one wants to see.
/// </why>
/// <example>
/// <code>
/// Assert.True(errors.Count == 0);
/// Assert.True(orders.Any());
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.Empty(errors);
/// Assert.NotEmpty(orders);
/// </code>
/// </fix>
internal sealed class BooleanAssertOfEmpty() : BooleanAssertRule("RBCS604", "Boolean assertion of emptiness")
{
    protected override string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file)
    {
        if (call.Framework == TestFramework.MSTest) return null;
        ExpressionSyntax? collection = null;
        bool empty;
        switch (condition)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Any" } any, ArgumentList.Arguments.Count: 0 } invocation
                when IsEnumerableMethod(invocation, file):
                collection = any.Expression;
                empty = !positive;
                break;
            case BinaryExpressionSyntax binary:
                var (size, zero, flipped) = IsZero(binary.Right, file) ? (binary.Left, binary.Right, false) : (binary.Right, binary.Left, true);
                if (!IsZero(zero, file) || Size(size, file) is not { } measured) return null;
                collection = measured;
                var kind = (SyntaxKind)binary.RawKind;
                bool? isEmptyCheck = kind switch
                {
                    SyntaxKind.EqualsExpression => true,
                    SyntaxKind.NotEqualsExpression => false,
                    SyntaxKind.GreaterThanExpression when !flipped => false,
                    SyntaxKind.LessThanExpression when flipped => false,
                    _ => null,
                };
                if (isEmptyCheck is null) return null;
                empty = isEmptyCheck.Value == positive;
                break;
            default:
                return null;
        }

        if (!IsEnumerable(collection, file)) return null;
        return call.Replace(
            $"Assert.{(empty ? "Empty" : "NotEmpty")}({collection})",
            $"Assert.That({collection}, Is.{(empty ? "" : "Not.")}Empty)",
            null);
    }

    private static bool IsZero(ExpressionSyntax expression, FileContext file) =>
        file.Model.GetConstantValue(expression, file.CancellationToken) is { HasValue: true, Value: 0 };

    /// <summary>The collection of <c>x.Count</c>, <c>x.Length</c> or <c>x.Count()</c>, or null.</summary>
    private static ExpressionSyntax? Size(ExpressionSyntax expression, FileContext file) => expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" } property
            when file.Model.GetSymbolInfo(property, file.CancellationToken).Symbol is IPropertySymbol => property.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" } count, ArgumentList.Arguments.Count: 0 } invocation
            when IsEnumerableMethod(invocation, file) => count.Expression,
        _ => null,
    };

    private static bool IsEnumerableMethod(InvocationExpressionSyntax invocation, FileContext file) =>
        file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is IMethodSymbol { ContainingType: var type } && Symbols.Is(type, "System.Linq.Enumerable");
}
