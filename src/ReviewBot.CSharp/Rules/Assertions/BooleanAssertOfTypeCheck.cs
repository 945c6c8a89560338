using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// A boolean assertion of a type test: <c>Assert.True(x is T)</c> (and NUnit's <c>Assert.That(x is T)</c>, MSTest's
/// <c>Assert.IsTrue(x is T)</c>). In xUnit the replacement is <c>Assert.IsType&lt;T&gt;</c> when <c>T</c> is sealed or a
/// struct (an exact type test means the same then) and <c>Assert.IsAssignableFrom&lt;T&gt;</c> otherwise, which is what
/// <c>is</c> tests.
/// </summary>
/// <why>
/// When <c>Assert.True(result is OkResult)</c> fails, the output only says it was false; the type assertion prints the
/// type that was there, and returns the value cast to <c>T</c> for the next assertions.
/// </why>
/// <example>
/// <code>
/// Assert.True(result is NotFoundResult);
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.IsType&lt;NotFoundResult&gt;(result);
/// </code>
/// </fix>
/// <safety><c>Assert.IsType</c> is suggested only where it means the same as <c>is</c>; otherwise <c>Assert.IsAssignableFrom</c>.</safety>
internal sealed class BooleanAssertOfTypeCheck() : BooleanAssertRule("RBCS606", "Boolean assertion of a type test")
{
    protected override string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file)
    {
        if (!positive) return null;
        (ExpressionSyntax Value, TypeSyntax Type)? test = condition switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Right: TypeSyntax tested } binary => (binary.Left, tested),
            IsPatternExpressionSyntax { Pattern: TypePatternSyntax pattern } isPattern => (isPattern.Expression, pattern.Type),
            _ => null,
        };
        if (test is not var (value, typeSyntax)) return null;
        var type = file.Model.GetTypeInfo(typeSyntax, file.CancellationToken).Type;
        var exact = type is { TypeKind: not TypeKind.Error } && (type.IsSealed || type.IsValueType) && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
        return call.Replace(
            $"Assert.{(exact ? "IsType" : "IsAssignableFrom")}<{typeSyntax}>({value})",
            $"Assert.That({value}, Is.InstanceOf<{typeSyntax}>())",
            $"Assert.IsInstanceOfType({value}, typeof({typeSyntax}))");
    }
}
