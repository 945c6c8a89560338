using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.Security;

/// <summary>
/// A credential written into the code: a connection string literal with a non-empty <c>Password=</c> or <c>Pwd=</c>, or a
/// string literal that looks like a secret (six characters or more, with a digit or a symbol, no spaces, no placeholder)
/// assigned to a field, property or local named like a password, secret, API key or token. Test code is not checked.
/// </summary>
/// <why>
/// A secret in source code is readable by everyone with access to the repository and its history, forever; it cannot be
/// rotated without a release, and it is the first thing leaked-credential scanners find.
/// </why>
/// <example>
/// <code>
/// private const string ApiKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
/// var connection = new SqlConnection("Server=db;User Id=app;Password=Hunter2!;");
/// </code>
/// </example>
/// <fix>
/// <code>
/// private readonly string _apiKey = configuration["Payments:ApiKey"];
/// var connection = new SqlConnection(configuration.GetConnectionString("Orders"));
/// </code>
/// </fix>
internal sealed partial class HardCodedCredential() : CSharpRule("RBCS101", Category.Security, Severity.Error, "Hard-coded credential")
{
    public override IReadOnlyList<SyntaxKind> Kinds { get; } =
        [SyntaxKind.StringLiteralExpression, SyntaxKind.VariableDeclarator, SyntaxKind.PropertyDeclaration, SyntaxKind.SimpleAssignmentExpression];

    public override CodeScope Scope => CodeScope.NonTestCodeOnly;

    public override void AnalyzeNode(SyntaxNode node, FileContext file)
    {
        switch (node)
        {
            case LiteralExpressionSyntax literal:
                if (ConnectionStringPassword(literal.Token.ValueText) is { } key)
                {
                    file.Report(this, literal, $"Connection string literal holds a hard-coded password ('{key}=...'); read it from configuration or a secret store.");
                }

                break;
            case VariableDeclaratorSyntax { Initializer.Value: var value } declarator:
                Check(file, declarator.Identifier.ValueText, value);
                break;
            case PropertyDeclarationSyntax { Initializer.Value: var value } property:
                Check(file, property.Identifier.ValueText, value);
                break;
            case PropertyDeclarationSyntax { ExpressionBody.Expression: var value } property:
                Check(file, property.Identifier.ValueText, value);
                break;
            case AssignmentExpressionSyntax assignment:
                var name = assignment.Left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null) Check(file, name, assignment.Right);
                break;
        }
    }

    private void Check(FileContext file, string name, ExpressionSyntax value)
    {
        if (value is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression)) return;
        if (!SecretNames.EndsInSecret(name) || !LooksLikeSecret(literal.Token.ValueText, name)) return;
        // A connection string literal is reported once, by the connection-string check.
        if (ConnectionStringPassword(literal.Token.ValueText) is not null) return;
        file.Report(this, literal, $"'{name}' is assigned a hard-coded secret; read it from configuration or a secret store.");
    }

    /// <summary>Real secrets are not words: they have digits or symbols, no spaces, and are not placeholders or key names.</summary>
    internal static bool LooksLikeSecret(string value, string name)
    {
        if (value.Length < 6 || value.Length > 512) return false;
        if (value.Any(char.IsWhiteSpace)) return false;
        if (value.IndexOfAny(['{', '}', '$', '%', '<', '>', '[', ']']) >= 0 || value.Contains("://", StringComparison.Ordinal)) return false;
        if (string.Equals(Normalize(value), Normalize(name), StringComparison.Ordinal)) return false;
        if (value.Distinct().Count() <= 2) return false; // "******", "xxxxxx"
        return value.Any(char.IsDigit) || value.Any(c => !char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.' or ':' or '/'));
    }

    private static string Normalize(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The key (<c>Password</c>, <c>Pwd</c>) of a non-empty password in a connection string, or null.</summary>
    internal static string? ConnectionStringPassword(string text)
    {
        if (text.Length > 2048 || !ConnectionStringKey().IsMatch(text)) return null;
        foreach (Match match in PasswordPair().Matches(text))
        {
            var value = match.Groups["value"].Value.Trim().Trim('\'', '"');
            if (value.Length == 0 || value.IndexOfAny(['{', '}', '$', '%', '<', '>']) >= 0 || value.Distinct().Count() <= 1) continue;
            return match.Groups["key"].Value;
        }

        return null;
    }

    [GeneratedRegex(@"(?:^|;)\s*(?:Server|Data Source|Host|Address|Addr|User ID|UserID|Uid|User|Username|Database|Initial Catalog)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringKey();

    [GeneratedRegex(@"(?:^|;)\s*(?<key>Password|Pwd)\s*=(?<value>[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPair();
}
