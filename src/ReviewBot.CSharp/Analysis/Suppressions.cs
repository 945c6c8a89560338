using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The suppressions written in C# itself: <c>#pragma warning disable RBCS201</c> (until <c>restore</c>) and
/// <c>[SuppressMessage("...", "RBCS201:...")]</c> on the member or type holding the finding. (The engine honours the
/// <c>// reviewbot-disable-line</c> comments for every language.)
/// </summary>
internal sealed class Suppressions
{
    private readonly List<(int Position, string Id, bool Disable)> _pragmas = [];
    private readonly SyntaxNode _root;

    public Suppressions(SyntaxNode root)
    {
        _root = root;
        if (!root.ContainsDirectives) return;
        foreach (var directive in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (!directive.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia)) continue;
            if (directive.GetStructure() is not PragmaWarningDirectiveTriviaSyntax pragma) continue;
            var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            foreach (var code in pragma.ErrorCodes)
            {
                var id = code is IdentifierNameSyntax name ? name.Identifier.ValueText : code.ToString();
                if (id.StartsWith("RBCS", StringComparison.OrdinalIgnoreCase)) _pragmas.Add((pragma.SpanStart, id, disable));
            }
        }
    }

    public bool IsSuppressed(string ruleId, int position) => IsSuppressedByPragma(ruleId, position) || IsSuppressedByAttribute(ruleId, position);

    private bool IsSuppressedByPragma(string ruleId, int position)
    {
        var disabled = false;
        foreach (var (at, id, disable) in _pragmas)
        {
            if (at > position) break;
            if (string.Equals(id, ruleId, StringComparison.OrdinalIgnoreCase)) disabled = disable;
        }

        return disabled;
    }

    private bool IsSuppressedByAttribute(string ruleId, int position)
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
                    if (IsSuppressMessage(attribute, ruleId)) return true;
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
