using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// A process command line built from variables by interpolation, concatenation or <c>string.Format</c>: the
/// <c>arguments</c> of <c>Process.Start</c> or <c>new ProcessStartInfo</c>, an assignment to
/// <c>ProcessStartInfo.Arguments</c>, or a one-string <c>Process.Start</c> whose text holds a space (a command line).
/// </summary>
/// <why>
/// The callee splits a command line on spaces and quotes again, so a value with a space, a quote or a shell
/// metacharacter becomes extra arguments or commands (command injection). <c>ArgumentList</c> passes each value as one
/// argument, escaped correctly.
/// </why>
/// <example>
/// <code>
/// Process.Start("git", $"clone {url} {directory}");
/// </code>
/// </example>
/// <fix>
/// <code>
/// var start = new ProcessStartInfo("git") { ArgumentList = { "clone", url, directory } };
/// Process.Start(start);
/// </code>
/// </fix>
internal sealed class ProcessStartWithVariableCommand() : CSharpRule("RBCS110", Category.Security, Severity.Warning, "Command line built from variables")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA3006"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.SimpleAssignmentExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start" }) return;
                if (file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is not IMethodSymbol { Name: "Start", IsStatic: true } start
                    || !Symbols.Is(start.ContainingType, "System.Diagnostics.Process")) return;
                CheckArguments(file, invocation.ArgumentList, start, "Process.Start");
                break;
            case ObjectCreationExpressionSyntax creation when creation.ArgumentList is { } arguments && creation.Type.ToString().EndsWith("ProcessStartInfo", StringComparison.Ordinal):
                if (file.Model.GetSymbolInfo(creation, file.CancellationToken).Symbol is not IMethodSymbol constructor
                    || !Symbols.Is(constructor.ContainingType, "System.Diagnostics.ProcessStartInfo")) return;
                CheckArguments(file, arguments, constructor, "ProcessStartInfo");
                break;
            case AssignmentExpressionSyntax assignment:
                if (assignment.Left is not (IdentifierNameSyntax { Identifier.ValueText: "Arguments" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Arguments" })) return;
                if (file.Model.GetSymbolInfo(assignment.Left, file.CancellationToken).Symbol is IPropertySymbol { Name: "Arguments" } property
                    && Symbols.Is(property.ContainingType, "System.Diagnostics.ProcessStartInfo"))
                {
                    Check(file, assignment.Right, "ProcessStartInfo.Arguments");
                }

                break;
        }
    }

    private void CheckArguments(FileContext file, ArgumentListSyntax arguments, IMethodSymbol method, string sink)
    {
        var parameters = method.Parameters;
        if (parameters.Length == 1 && parameters[0].Type.SpecialType == SpecialType.System_String && arguments.Arguments.Count == 1)
        {
            var commandLine = arguments.Arguments[0].Expression;
            if (HasSpaceInLiteralText(commandLine)) Check(file, commandLine, sink);
            return;
        }

        for (var i = 0; i < arguments.Arguments.Count && i < parameters.Length; i++)
        {
            if (parameters[i].Name == "arguments" && parameters[i].Type.SpecialType == SpecialType.System_String)
            {
                Check(file, arguments.Arguments[i].Expression, sink);
            }
        }
    }

    private static bool HasSpaceInLiteralText(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(n =>
            n is InterpolatedStringTextSyntax text && text.TextToken.ValueText.Contains(' ', StringComparison.Ordinal)
            || n is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Contains(' ', StringComparison.Ordinal));

    private void Check(FileContext file, ExpressionSyntax commandLine, string sink)
    {
        if (StringBuilding.FromVariables(commandLine, file.Model, file.CancellationToken) is not { } built) return;
        file.Report(this, commandLine, $"The command line passed to '{sink}' is built from '{StringBuilding.Describe(built.Part)}' by {built.How}; pass each value through 'ProcessStartInfo.ArgumentList'.");
    }
}
