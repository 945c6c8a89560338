using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;

namespace ReviewBot.CSharp.Rules.Assertions;

/// <summary>
/// A boolean assertion of <c>x.Contains(y)</c> on a string or a collection: <c>Assert.True(x.Contains(y))</c>,
/// <c>Assert.False(x.Contains(y))</c>, NUnit's <c>Assert.That(x.Contains(y))</c>. Only when <c>x</c>'s type resolves to
/// a string or an enumerable (MSTest: strings only, through <c>StringAssert</c>).
/// </summary>
/// <why>
/// When <c>Assert.True(names.Contains("Ada"))</c> fails, the output only says it was false; <c>Assert.Contains</c> prints
/// the collection or the string that was searched, which shows at once what was there instead.
/// </why>
/// <example>
/// <code>
/// Assert.True(names.Contains("Ada"));
/// Assert.False(message.Contains("error"));
/// </code>
/// </example>
/// <fix>
/// <code>
/// Assert.Contains("Ada", names);
/// Assert.DoesNotContain("error", message);
/// </code>
/// </fix>
internal sealed class BooleanAssertOfContains() : BooleanAssertRule("RBCS602", "Boolean assertion of Contains")
{
    protected override string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file)
    {
        if (condition is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Contains" } access } invocation
            || invocation.ArgumentList.Arguments is not [var item] || item.NameColon is not null || !item.RefKindKeyword.IsKind(SyntaxKind.None)) return null;
        if (file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is not IMethodSymbol) return null;
        if (!IsEnumerable(access.Expression, file)) return null;
        var isString = file.Model.GetTypeInfo(access.Expression, file.CancellationToken).Type?.SpecialType == SpecialType.System_String;
        var collection = access.Expression;
        return call.Replace(
            $"Assert.{(positive ? "Contains" : "DoesNotContain")}({item.Expression}, {collection})",
            $"Assert.That({collection}, Does.{(positive ? "" : "Not.")}Contain({item.Expression}))",
            isString && positive ? $"StringAssert.Contains({collection}, {item.Expression})" : null);
    }
}
