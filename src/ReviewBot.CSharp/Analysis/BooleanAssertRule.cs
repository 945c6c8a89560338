using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The shape shared by the rules that replace a boolean assertion (<c>Assert.True(cond)</c>, <c>Assert.IsTrue</c>,
/// NUnit's <c>Assert.That(cond)</c>) by the specific assertion that reports both values on failure.
/// </summary>
internal abstract class BooleanAssertRule(string id, string title) : CSharpRule(id, Category.Assertions, Severity.Note, title)
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override CodeScope Scope => CodeScope.TestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (AssertCalls.Match(invocation, file) is not { } call || call.Boolean() is not var (condition, positive)) return;
        var replacement = Rewrite(call, condition, positive, file);
        if (string.IsNullOrEmpty(replacement)) return;
        var original = invocation.ToString();
        if (original.Length > 80 || original.Contains('\n', StringComparison.Ordinal)) original = ((MemberAccessExpressionSyntax)invocation.Expression).ToString() + "(...)";
        file.Report(this, invocation, $"'{original}' only says true or false when it fails; use '{replacement}', which shows the values.", file.ReplaceOnLine(invocation, replacement, "Use the specific assertion."));
    }

    /// <summary>The specific assertion for <paramref name="condition"/>, or null when the rule does not apply or is not safe.</summary>
    protected abstract string? Rewrite(AssertCall call, ExpressionSyntax condition, bool positive, FileContext file);

    protected static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression;
    }

    /// <summary>True when the expression's type resolves and implements <c>IEnumerable</c>.</summary>
    protected static bool IsEnumerable(ExpressionSyntax expression, FileContext file)
    {
        var type = file.Model.GetTypeInfo(expression, file.CancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error) return false;
        if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol) return true;
        return type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)
            || type.SpecialType == SpecialType.System_Collections_IEnumerable;
    }
}
