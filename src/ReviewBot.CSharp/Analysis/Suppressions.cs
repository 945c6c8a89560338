using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The suppressions written in C# itself: <c>#pragma warning disable RBCS201</c> (until <c>restore</c>) and
/// <c>[SuppressMessage("...", "RBCS201:...")]</c> on the member or type holding the finding. A rule that mirrors a
/// diagnostic (<see cref="CSharpRule.Counterparts"/>) is also off wherever the author turned that diagnostic off:
/// <c>#pragma warning disable CS1591</c> (or <c>1591</c>, or a bare <c>#pragma warning disable</c>, which turns off every
/// compiler warning) up to the matching <c>restore</c>. A bare <c>#pragma warning restore</c> restores everything, as it
/// does for the compiler. (The engine honours the <c>// reviewbot-disable-line</c> comments for every language.)
/// </summary>
internal sealed class Suppressions
{
    // Id null: a pragma without codes, which applies to every warning.
    private readonly List<(int Position, string? Id, bool Disable)> _pragmas = [];
    private readonly SyntaxNode _root;

    public Suppressions(SyntaxNode root)
    {
        _root = root;
        if (!root.ContainsDirectives) return;
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (!directive.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia)) continue;
            if (directive.GetStructure() is not PragmaWarningDirectiveTriviaSyntax { IsActive: true } pragma) continue;
            var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            if (pragma.ErrorCodes.Count == 0)
            {
                _pragmas.Add((pragma.SpanStart, null, disable));
                continue;
            }

            foreach (var code in pragma.ErrorCodes)
            {
                var id = code switch
                {
                    IdentifierNameSyntax name => name.Identifier.ValueText,
                    // The compiler reads a bare number as its own warning: `#pragma warning disable 1591` is CS1591.
                    LiteralExpressionSyntax { Token.Value: int number } => "CS" + number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                    _ => code.ToString(),
                };
                _pragmas.Add((pragma.SpanStart, id, disable));
            }
        }
    }

    public bool IsSuppressed(CSharpRule rule, int position) => IsSuppressedByPragma(rule, position) || IsSuppressedByAttribute(rule, position);

    private bool IsSuppressedByPragma(CSharpRule rule, int position)
    {
        var disabled = false;
        foreach (var (at, id, disable) in _pragmas)
        {
            if (at > position) break;
            if (id is null)
            {
                // A bare restore restores every warning; a bare disable turns off the compiler's warnings only, so it
                // silences the rules that mirror one and leaves the others (a security finding) alone.
                if (!disable) disabled = false;
                else if (rule.Counterparts.Any(id => id.StartsWith("CS", StringComparison.Ordinal))) disabled = true;
            }
            else if (Applies(rule, id))
            {
                disabled = disable;
            }
        }

        return disabled;
    }

    private static bool Applies(CSharpRule rule, string id)
    {
        if (string.Equals(id, rule.Descriptor.Id, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var warning in rule.Counterparts)
        {
            if (string.Equals(id, warning, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private bool IsSuppressedByAttribute(CSharpRule rule, int position)
    {
        var token = _root.FindToken(position);
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var lists = node switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                LocalFunctionStatementSyntax local => local.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                _ => default,
            };
            foreach (var list in lists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (IsSuppressMessage(attribute, rule.Descriptor.Id)) return true;
                }
            }
        }

        return false;
    }

    private static bool IsSuppressMessage(AttributeSyntax attribute, string ruleId)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        if (name is not ("SuppressMessage" or "SuppressMessageAttribute")) return false;
        var arguments = attribute.ArgumentList?.Arguments;
        if (arguments is not { Count: >= 2 } args) return false;
        if (args[1].Expression is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression)) return false;
        var checkId = literal.Token.ValueText.Trim();
        return checkId.StartsWith(ruleId, StringComparison.OrdinalIgnoreCase)
            && (checkId.Length == ruleId.Length || checkId[ruleId.Length] is ':' or ' ');
    }
}
