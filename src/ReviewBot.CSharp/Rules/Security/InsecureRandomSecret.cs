using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// <c>System.Random</c> producing a secret: a call of a <c>Random</c> method whose result goes into a variable, field or
/// property named like a password, token, key, salt or nonce, or that sits in a method named so
/// (<c>GeneratePassword</c>, <c>CreateResetToken</c>).
/// </summary>
/// <why>
/// <c>System.Random</c> is predictable: its output can be reproduced from a few observed values or from the seed, so
/// tokens, passwords and keys made with it can be guessed.
/// </why>
/// <example>
/// <code>
/// var token = new Random().Next(100_000, 999_999).ToString();
/// </code>
/// </example>
/// <fix>
/// <code>
/// var token = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString();
/// var key = RandomNumberGenerator.GetBytes(32);
/// </code>
/// </fix>
internal sealed class InsecureRandomSecret() : CSharpRule("RBCS104", Category.Security, Severity.Warning, "System.Random used for a secret")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["CA5394"];

    public override IReadOnlyList<SyntaxKind> Kinds { get; } = [SyntaxKind.InvocationExpression];

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var methodName }
            || !methodName.StartsWith("Next", StringComparison.Ordinal) && methodName is not ("GetItems" or "GetString" or "GetHexString")) return;
        var secret = TargetName(invocation);
        if (secret is null) return;
        if (file.Model.GetSymbolInfo(invocation, file.CancellationToken).Symbol is not IMethodSymbol method
            || !Symbols.Is(method.ContainingType, "System.Random")) return;
        file.Report(this, invocation, $"'{secret}' is made with System.Random, which is predictable; use 'RandomNumberGenerator'.");
    }

    /// <summary>The secret-looking name the random value flows into: the variable or member assigned, or the enclosing method.</summary>
    private static string? TargetName(SyntaxNode call)
    {
        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case VariableDeclaratorSyntax declarator when SecretNames.MentionsSecret(declarator.Identifier.ValueText):
                    return declarator.Identifier.ValueText;
                case AssignmentExpressionSyntax { Left: var left } when NameOf(left) is { } name && SecretNames.MentionsSecret(name):
                    return name;
                case PropertyDeclarationSyntax property when SecretNames.MentionsSecret(property.Identifier.ValueText):
                    return property.Identifier.ValueText;
                case MethodDeclarationSyntax method:
                    return SecretNames.MentionsSecret(method.Identifier.ValueText) ? method.Identifier.ValueText : null;
                case LocalFunctionStatementSyntax local when SecretNames.MentionsSecret(local.Identifier.ValueText):
                    return local.Identifier.ValueText;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax element => NameOf(element.Expression),
        _ => null,
    };
}
