using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Logging;

/// <summary>
/// An <c>ILogger</c> call (<c>LogInformation</c> and the other levels, <c>Log(level, ...)</c>) whose message is an
/// interpolated string or a concatenation with non-constant parts, instead of a message template.
/// </summary>
/// <why>
/// A template keeps each value as a named property that log stores can search and aggregate, and is only formatted when
/// the level is enabled; an interpolated message loses the structure, formats on every call, and yields a new message
/// text per value (CA2254).
/// </why>
/// <example>
/// <code>
/// _logger.LogInformation($"Order {order.Id} shipped to {country}");
/// </code>
/// </example>
/// <fix>
/// <code>
/// _logger.LogInformation("Order {OrderId} shipped to {Country}", order.Id, country);
/// </code>
/// </fix>
/// <safety>
/// The suggestion is offered when every hole is a plain name or member access with distinct names; it keeps format and
/// alignment specifiers and the values' order.
/// </safety>
internal sealed class InterpolatedLogMessage() : CSharpRule("RBCS701", Category.Logging, Severity.Warning, "Interpolated log message")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA2254"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (!LoggerCalls.IsLoggerCall(invocation, file.Model, file.CancellationToken, out var method)) return;
        if (LoggerCalls.MessageArgument(invocation) is not { } message) return;
        if (StringBuilding.FromVariables(message.Expression, file.Model, file.CancellationToken, followLocals: false) is not { } built) return;
        var how = built.How == "interpolation" ? "an interpolated string" : built.How == "concatenation" ? "a concatenation" : "a formatted string";
        var isLast = invocation.ArgumentList.Arguments.Last() == message;
        var suggestion = isLast && message.Expression is InterpolatedStringExpressionSyntax interpolated && Template(interpolated) is { } template
            ? file.ReplaceOnLine(message.Expression, template, "Use a message template.")
            : null;
        file.Report(this, message.Expression, $"The message passed to '{method}' is {how}; use a message template with named placeholders.", suggestion);
    }

    /// <summary><c>$"Order {order.Id} to {country}"</c> becomes <c>"Order {OrderId} to {Country}", order.Id, country</c>.</summary>
    private static string? Template(InterpolatedStringExpressionSyntax interpolated)
    {
        var start = interpolated.StringStartToken.ValueText;
        if (start is not ("$\"" or "$@\"" or "@$\"")) return null;
        var verbatim = start != "$\"";
        var text = new StringBuilder(verbatim ? "@\"" : "\"");
        var values = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax literal:
                    text.Append(literal.TextToken.Text);
                    break;
                case InterpolationSyntax hole:
                    var name = PlaceholderName(hole.Expression);
                    if (name is null || !names.Add(name)) return null;
                    text.Append('{').Append(name);
                    if (hole.AlignmentClause is { } alignment) text.Append(alignment.ToString());
                    if (hole.FormatClause is { } format) text.Append(format.ToString());
                    text.Append('}');
                    values.Add(hole.Expression.ToString());
                    break;
            }
        }

        text.Append('"');
        return text + ", " + string.Join(", ", values);
    }

    private static string? PlaceholderName(ExpressionSyntax expression)
    {
        if (expression is IdentifierNameSyntax identifier) return NameStyle.ToPascalCase(identifier.Identifier.ValueText.TrimStart('_'));
        if (expression is not MemberAccessExpressionSyntax access
            || !access.Expression.DescendantNodesAndSelf().All(n => n is MemberAccessExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax))
        {
            return null;
        }

        var member = NameStyle.ToPascalCase(access.Name.Identifier.ValueText);
        return access.Expression is ThisExpressionSyntax ? member : NameStyle.ToPascalCase(LastName(access.Expression).TrimStart('_')) + member;
    }

    private static string LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => "",
    };
}
