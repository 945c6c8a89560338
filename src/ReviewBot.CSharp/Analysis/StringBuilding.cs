using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>How a string expression was built: from constants only, or from variables by interpolation or concatenation.</summary>
internal static class StringBuilding
{
    /// <summary>
    /// When <paramref name="expression"/> (or the initializer of the local it names) is an interpolated string or a
    /// concatenation with a non-constant part, returns that part (for the message) and how it was built; else null.
    /// </summary>
    public static (ExpressionSyntax Part, string How)? FromVariables(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken, bool followLocals = true)
    {
        expression = Unwrap(expression);
        switch (expression)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole && !model.GetConstantValue(hole.Expression, cancellationToken).HasValue)
                    {
                        return (hole.Expression, "interpolation");
                    }
                }

                return null;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                if (model.GetConstantValue(binary, cancellationToken).HasValue) return null;
                if (!IsStringConcatenation(binary, model, cancellationToken)) return null;
                foreach (var operand in Operands(binary))
                {
                    if (FromVariables(operand, model, cancellationToken, followLocals: false) is { } nested) return nested;
                    if (operand is not (LiteralExpressionSyntax or InterpolatedStringExpressionSyntax) && !model.GetConstantValue(operand, cancellationToken).HasValue)
                    {
                        return (operand, "concatenation");
                    }
                }

                return null;
            case InvocationExpressionSyntax invocation when IsStringFormat(invocation, model, cancellationToken):
                foreach (var argument in invocation.ArgumentList.Arguments.Skip(1))
                {
                    if (!model.GetConstantValue(argument.Expression, cancellationToken).HasValue) return (argument.Expression, "string.Format");
                }

                return null;
            case IdentifierNameSyntax identifier when followLocals:
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ILocalSymbol local) return null;
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }
                        && FromVariables(value, model, cancellationToken, followLocals: false) is { } built)
                    {
                        return built;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
        return expression;
    }

    /// <summary>The operands of a chain of <c>+</c>, left to right, without recursion (a chain can be thousands long).</summary>
    internal static List<ExpressionSyntax> Operands(BinaryExpressionSyntax binary)
    {
        var operands = new List<ExpressionSyntax>();
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(binary);
        while (pending.Count > 0)
        {
            var current = Unwrap(pending.Pop());
            if (current is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression))
            {
                pending.Push(inner.Right);
                pending.Push(inner.Left);
            }
            else
            {
                operands.Add(current);
            }
        }

        return operands;
    }

    private static bool IsStringConcatenation(BinaryExpressionSyntax binary, SemanticModel model, CancellationToken cancellationToken)
    {
        var type = model.GetTypeInfo(binary, cancellationToken).Type;
        if (type is { SpecialType: SpecialType.System_String }) return true;
        // A literal string operand makes it a concatenation even when another operand does not resolve.
        return Operands(binary).Any(o => o is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            || o is InterpolatedStringExpressionSyntax);
    }

    private static bool IsStringFormat(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        invocation.ArgumentList.Arguments.Count >= 2
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Format", ContainingType.SpecialType: SpecialType.System_String }
        && invocation.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax;

    /// <summary>A short text naming the part, for messages: the expression itself when short, else its last name.</summary>
    public static string Describe(ExpressionSyntax part)
    {
        var text = part.ToString();
        if (text.Length <= 40 && !text.Contains('\n', StringComparison.Ordinal)) return text;
        var last = part.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().LastOrDefault();
        return last?.Identifier.ValueText ?? "an expression";
    }
}
