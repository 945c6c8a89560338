using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReviewBot.CSharp.Analysis;

/// <summary>
/// The names of a file that something the review cannot see might serve: names the semantic model did not bind (a type
/// of a NuGet package, a member of an unresolved receiver, an extension method the compilation lacks) and the identifiers
/// of inactive <c>#if</c> regions (the compiler does not bind them at all). A rule that proves something unused asks
/// whether one of these names could be a use of it, instead of giving up on the whole file.
/// </summary>
internal sealed class UnboundNames
{
    private readonly FileContext _file;
    private readonly Dictionary<string, int?> _answers = new(StringComparer.Ordinal);
    private Dictionary<string, List<int>>? _inactive;

    public UnboundNames(FileContext file)
    {
        _file = file;
    }

    /// <summary>True when the file may hold a use the compiler did not see: it has errors or inactive regions.</summary>
    public bool Any => _file.HasConditionalDirectives || _file.HasErrors;

    /// <summary>
    /// The line of the first name spelled <paramref name="spelling"/> that is unbound (or in an inactive region), or null
    /// when every such name is bound to something known.
    /// </summary>
    public int? LineOf(string spelling)
    {
        if (!Any) return null;
        if (_answers.TryGetValue(spelling, out var known)) return known;
        int? line = null;
        foreach (var name in _file.SimpleNames(spelling))
        {
            if (IsInUsingOrNamespaceName(name) || !IsUnbound(name)) continue;
            line = _file.LineOf(name.SpanStart);
            break;
        }

        line ??= InactiveLineOf(spelling, _file.Root.FullSpan);
        _answers[spelling] = line;
        return line;
    }

    /// <summary>
    /// The line of the first identifier spelled <paramref name="spelling"/> in an inactive <c>#if</c> region within
    /// <paramref name="scope"/> (code the compiler does not bind, so no rule sees its uses; a parameter's uses can only be
    /// in its method, a local's in its block), or null when there is none.
    /// </summary>
    public int? InactiveLineOf(string spelling, TextSpan scope) =>
        InactiveIdentifiers().TryGetValue(spelling, out var positions) && positions.FindIndex(scope.Contains) is var index and >= 0
            ? _file.LineOf(positions[index])
            : null;

    /// <summary>The first name of the file that does not resolve (from the compiler's first error), or the first inactive region.</summary>
    public (string Name, int Line)? First()
    {
        var error = _file.CompilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == _file.Tree)
            .MinBy(d => d.Location.SourceSpan.Start);
        if (error is not null)
        {
            var node = _file.Root.FindNode(error.Location.SourceSpan, getInnermostNodeForTie: true);
            var name = node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().LastOrDefault();
            return (name?.Identifier.ValueText ?? error.Id, _file.LineOf(error.Location.SourceSpan.Start));
        }

        foreach (var trivia in _file.Root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.DisabledTextTrivia)) return ("#if", _file.LineOf(trivia.SpanStart));
        }

        return null;
    }

    private bool IsUnbound(SimpleNameSyntax name)
    {
        var info = _file.Model.GetSymbolInfo(name, _file.CancellationToken);
        return info.Symbol is null or ITypeSymbol { TypeKind: TypeKind.Error };
    }

    // The names a using directive or a namespace declaration spells are not uses: 'using Newtonsoft.Json;' does not make
    // 'Json' a name the file needs.
    private static bool IsInUsingOrNamespaceName(SyntaxNode name) =>
        name.Ancestors().Any(a => a switch
        {
            UsingDirectiveSyntax => true,
            BaseNamespaceDeclarationSyntax declaration => declaration.Name.Span.Contains(name.Span),
            _ => false,
        });

    /// <summary>Each identifier of the inactive regions, with the positions it is spelled at, in order.</summary>
    private Dictionary<string, List<int>> InactiveIdentifiers()
    {
        if (_inactive is not null) return _inactive;
        _inactive = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        if (!_file.HasConditionalDirectives) return _inactive;
        foreach (var trivia in _file.Root.DescendantTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.DisabledTextTrivia)) continue;
            foreach (var token in SyntaxFactory.ParseTokens(trivia.ToString(), initialTokenPosition: trivia.SpanStart))
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken)) continue;
                if (!_inactive.TryGetValue(token.ValueText, out var positions)) _inactive[token.ValueText] = positions = [];
                positions.Add(token.SpanStart);
            }
        }

        return _inactive;
    }
}
