using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// A boolean assertion of an equality: <c>Assert.True(a == b)</c>, <c>Assert.False(a != b)</c> (and <c>!=</c> for
/// <c>NotEqual</c>), MSTest's <c>Assert.IsTrue(a == b)</c>, NUnit's <c>Assert.That(a == b)</c>. Reported only when the
/// specific assertion compares the same way: one side is a constant, or both sides are numbers, strings, characters or
/// enums. A comparison with <c>null</c> is left to RBCS603.
/// </summary>
/// <why>
/// When <c>Assert.True(total == 3)</c> fails, the test output says "Expected True, actual False" and nothing else; the
/// specific assertion says "Expected 3, actual 4", which is usually all one needs to fix the bug.
/// </why>
/// <example>
/// <code>
/// Assert.True(order.Total == 30m);
/// Assert.False(status == Status.Closed);
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.Equal(30m, order.Total);
/// Assert.NotEqual(Status.Closed, status);
/// </code>
/// </fix>
/// <safety>The replacement keeps the comparison's meaning; the constant side becomes the expected value.</safety>
internal sealed class BooleanAssertOfEquality() : BooleanAssertRule("RBCS601", "Boolean assertion of an equality")
{
    protected override string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file)
    {
        if (condition is not BinaryExpressionSyntax binary || !(binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression))) return null;
        var left = Unparenthesize(binary.Left);
        var right = Unparenthesize(binary.Right);
        if (AssertCalls.IsNull(left) || AssertCalls.IsNull(right) || IsBoolLiteral(left) || IsBoolLiteral(right)) return null;
        // x.Count == 0 is an emptiness check: RBCS604 suggests Assert.Empty for it.
        if (IsSizeAgainstZero(left, right, file) || IsSizeAgainstZero(right, left, file)) return null;
        var leftConstant = AssertCalls.IsValueConstant(left, file.Model, file.CancellationToken);
        var rightConstant = AssertCalls.IsValueConstant(right, file.Model, file.CancellationToken);
        ExpressionSyntax expected, actual;
        if (leftConstant && !rightConstant) (expected, actual) = (left, right);
        else if (rightConstant && !leftConstant) (expected, actual) = (right, left);
        else if (!leftConstant && ComparesByValue(left, file) && ComparesByValue(right, file)) (expected, actual) = (right, left);
        else return null;
        var equal = binary.IsKind(SyntaxKind.EqualsExpression) == positive;
        return call.Replace(
            $"Assert.{(equal ? "Equal" : "NotEqual")}({expected}, {actual})",
            $"Assert.That({actual}, Is.{(equal ? "" : "Not.")}EqualTo({expected}))",
            $"Assert.{(equal ? "AreEqual" : "AreNotEqual")}({expected}, {actual})");
    }

    private static bool IsSizeAgainstZero(ExpressionSyntax size, ExpressionSyntax zero, FileContext file) =>
        file.Model.GetConstantValue(zero, file.CancellationToken) is { HasValue: true, Value: 0 }
        && size is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" }
            or InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" }, ArgumentList.Arguments.Count: 0 };

    private static bool IsBoolLiteral(ExpressionSyntax expression) =>
        expression.IsKind(SyntaxKind.TrueLiteralExpression) || expression.IsKind(SyntaxKind.FalseLiteralExpression);

    private static bool ComparesByValue(ExpressionSyntax expression, FileContext file)
    {
        var type = file.Model.GetTypeInfo(expression, file.CancellationToken).Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: [var inner] }) type = inner;
        if (type is null || type.TypeKind == TypeKind.Error) return false;
        if (type.TypeKind == TypeKind.Enum) return true;
        return type.SpecialType is SpecialType.System_String or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single;
    }
}
