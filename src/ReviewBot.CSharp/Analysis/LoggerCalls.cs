using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// Recognises <c>Microsoft.Extensions.Logging</c> calls (<c>LogInformation</c>, ..., <c>Log(level, ...)</c>) on a receiver
/// typed <c>ILogger</c>/<c>ILogger&lt;T&gt;</c>. The logging package is not among the framework references, so an unresolved
/// type spelled <c>ILogger</c> is accepted too; any other receiver is not.
/// </summary>
internal static class LoggerCalls
{
    public static readonly HashSet<string> LevelMethods = new(StringComparer.Ordinal)
    {
        "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical",
    };

    public static bool IsLoggerCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken, out string method)
    {
        method = "";
        if (invocation.Expression is not MemberAccessExpressionSyntax access) return false;
        var name = access.Name.Identifier.ValueText;
        if (!LevelMethods.Contains(name) && name != "Log") return false;
        var type = model.GetTypeInfo(access.Expression, cancellationToken).Type;
        if (type is null || !IsLogger(type)) return false;
        method = name;
        return true;
    }

    private static bool IsLogger(ITypeSymbol type)
    {
        if (type.Name == "ILogger") return type.TypeKind == TypeKind.Error || type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging";
        return type.AllInterfaces.Any(i => i.Name == "ILogger" && i.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging");
    }

    /// <summary>The message argument: the first of the leading arguments that is string text (a literal, an interpolation or a concatenation).</summary>
    public static ArgumentSyntax? MessageArgument(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments.Take(4))
        {
            if (argument.NameColon is { Name.Identifier.ValueText: not "message" }) continue;
            if (IsStringText(argument.Expression)) return argument;
        }

        return null;
    }

    private static bool IsStringText(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        var operands = expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression) ? StringBuilding.Operands(binary) : [expression];
        return operands.Any(o => o is InterpolatedStringExpressionSyntax || (o is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)));
    }
}
