using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Logging;

/// <summary>
/// An exception caught into a variable and logged through <c>ILogger</c> without passing it as the exception argument:
/// the call mentions the exception (<c>ex.Message</c>) but not the exception itself, or it is an error or critical log in
/// a catch that does not rethrow.
/// </summary>
/// <why>
/// Only the exception argument carries the type, the stack trace and the inner exceptions to the log; a message with
/// <c>ex.Message</c> says what failed but not where, and log stores cannot group the failures by exception.
/// </why>
/// <example>
/// <code>
/// catch (HttpRequestException ex)
/// {
///     _logger.LogError("Fetching {Url} failed: {Error}", url, ex.Message);
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// catch (HttpRequestException ex)
/// {
///     _logger.LogError(ex, "Fetching {Url} failed", url);
/// }
/// </code>
/// </fix>
/// <safety>The suggestion inserts the exception as the first argument of a one-line <c>Log*</c> call; it keeps the rest.</safety>
internal sealed class ExceptionNotPassedToLogger() : CSharpRule("RBCS702", Category.Logging, Severity.Warning, "Caught exception not passed to the logger")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.CatchClause];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var clause = (CatchClauseSyntax)node;
        if (clause.Declaration is not { Identifier.ValueText: { Length: > 0 } name } declaration) return;
        var mayLog = clause.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called }
            && (called == "Log" || LoggerCalls.LevelMethods.Contains(called)));
        if (!mayLog || file.Model.GetDeclaredSymbol(declaration, file.CancellationToken) is not ILocalSymbol exception) return;
        var rethrows = clause.Block.DescendantNodes(n => n is not (CatchClauseSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is ThrowStatementSyntax or ThrowExpressionSyntax);
        foreach (var invocation in clause.Block.DescendantNodes(n => n is not (CatchClauseSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (!LoggerCalls.IsLoggerCall(invocation, file.Model, file.CancellationToken, out var method)) continue;
            var arguments = invocation.ArgumentList.Arguments;
            if (arguments.Any(a => IsException(a.Expression, exception, file))) continue;
            var mentions = arguments.Any(a => a.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => IsException(i, exception, file)));
            var isError = method is "LogError" or "LogCritical"
                || (method == "Log" && arguments.Count > 0 && arguments[0].Expression.ToString() is var level
                    && (level.EndsWith(".Error", StringComparison.Ordinal) || level.EndsWith(".Critical", StringComparison.Ordinal)));
            if (!mentions && (!isError || rethrows)) continue;
            var suggestion = method != "Log" && LoggerCalls.MessageArgument(invocation) == arguments.FirstOrDefault()
                ? file.ReplaceOnLine(invocation.ArgumentList, "(" + name + ", " + string.Join(", ", arguments) + ")", "Pass the exception first.")
                : null;
            file.Report(this, invocation, $"The caught exception '{name}' is logged by '{method}' without being passed as its exception argument; pass it first to keep the stack trace.", suggestion);
        }
    }

    private static bool IsException(ExpressionSyntax expression, ILocalSymbol exception, FileContext file) =>
        expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == exception.Name
        && SymbolEqualityComparer.Default.Equals(file.Model.GetSymbolInfo(identifier, file.CancellationToken).Symbol, exception);
}
