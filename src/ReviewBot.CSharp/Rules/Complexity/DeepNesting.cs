using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Complexity;

/// <summary>
/// A function whose blocks nest deeper than the threshold (<setting>thresholds.nesting</setting>): <c>if</c>,
/// loops, <c>switch</c>, <c>try</c>, <c>using</c>, <c>lock</c>, <c>fixed</c> and <c>checked</c> blocks inside each other.
/// An <c>else if</c> stays at the level of its <c>if</c>. Reported once per function, on its name, with the deepest level.
/// </summary>
/// <why>
/// Every level adds a condition the reader must keep in mind to understand a line; deep nesting is where
/// off-by-one-branch bugs hide. Guard clauses and extracted methods flatten it.
/// </why>
/// <example>
/// <code>
/// foreach (var order in orders)
///     if (order.IsOpen)
///         foreach (var line in order.Lines)
///             if (line.Quantity &gt; 0)
///                 if (line.Product.IsActive) { ... }
/// </code>
/// </example>
/// <fix>
/// <code>
/// foreach (var line in orders.Where(o =&gt; o.IsOpen).SelectMany(o =&gt; o.Lines))
/// {
///     if (line.Quantity &lt;= 0 || !line.Product.IsActive) continue;
///     ...
/// }
/// </code>
/// </fix>
internal sealed class DeepNesting() : CSharpRule("RBCS502", Category.Complexity, Severity.Warning, "Blocks nested too deeply")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = Functions.Kinds;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        if (Functions.Describe(node) is not { } function) return;
        var deepest = 0;
        foreach (var statement in Functions.OwnNodes(function.Body))
        {
            if (!IsNesting(statement)) continue;
            var depth = 0;
            for (var current = statement; current is not null && current != function.Body; current = current.Parent)
            {
                if (IsNesting(current)) depth++;
            }

            deepest = Math.Max(deepest, depth);
        }

        var limit = file.Thresholds.MaxNesting;
        if (deepest <= limit) return;
        file.Report(this, function.NameToken, $"{function.Kind} '{function.Name}' nests blocks {deepest} deep (> {limit}); flatten it with guard clauses or extracted methods.");
    }

    private static bool IsNesting(SyntaxNode node) => node switch
    {
        IfStatementSyntax { Parent: ElseClauseSyntax } => false,
        IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or SwitchStatementSyntax
            or TryStatementSyntax or LockStatementSyntax or FixedStatementSyntax or CheckedStatementSyntax => true,
        UsingStatementSyntax => true,
        _ => false,
    };
}
