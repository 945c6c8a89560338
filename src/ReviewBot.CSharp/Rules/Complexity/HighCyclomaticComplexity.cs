using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Complexity;

/// <summary>
/// A method, constructor, accessor or operator whose cyclomatic (McCabe) complexity is above the
/// threshold (<setting>thresholds.complexity</setting>). It counts one plus each <c>if</c>, loop, <c>case</c>,
/// switch-expression arm (but the discard arm), <c>catch</c>, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>,
/// <c>??=</c> and <c>?.</c> (pattern combinators <c>and</c>/<c>or</c> are not counted: a list of alternatives is one decision); lambdas and local functions count towards their method, as mccabe, Sonar and CA1502 count them (a local function
/// is not scored on its own).
/// </summary>
/// <why>
/// Each decision doubles the paths a reader must follow and a test must cover; past ten, methods are measurably harder
/// to understand and more likely to hide defects.
/// </why>
/// <example>
/// <code>
/// public decimal Price(Order order) // if, else if, switch cases, &amp;&amp;, ?? ... adding up to 14
/// </code>
/// </example>
/// <fix>
/// <code>
/// public decimal Price(Order order) => BasePrice(order) - Discount(order) + Shipping(order);
/// </code>
/// </fix>
internal sealed class HighCyclomaticComplexity() : CSharpRule("RBCS501", Category.Complexity, Severity.Warning, "Cyclomatic complexity too high")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA1502"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = Functions.Kinds;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (node is LocalFunctionStatementSyntax || Functions.Describe(node) is not { } function) return;
        var complexity = 1 + function.Body.DescendantNodes().Count(IsDecision);
        var limit = file.Thresholds.MaxComplexity;
        if (complexity <= limit) return;
        file.Report(this, function.NameToken, $"{function.Kind} '{function.Name}' has a cyclomatic complexity of {complexity} (> {limit}); split it into smaller methods.");
    }

    internal static bool IsDecision(SyntaxNode node) => node.Kind() switch
    {
        SyntaxKind.IfStatement or SyntaxKind.WhileStatement or SyntaxKind.DoStatement or SyntaxKind.ForStatement or SyntaxKind.ForEachStatement
            or SyntaxKind.ForEachVariableStatement or SyntaxKind.CaseSwitchLabel or SyntaxKind.CasePatternSwitchLabel or SyntaxKind.CatchClause
            or SyntaxKind.ConditionalExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression
            or SyntaxKind.CoalesceAssignmentExpression or SyntaxKind.ConditionalAccessExpression => true,
        SyntaxKind.SwitchExpressionArm => ((SwitchExpressionArmSyntax)node).Pattern is not DiscardPatternSyntax,
        _ => false,
    };
}
