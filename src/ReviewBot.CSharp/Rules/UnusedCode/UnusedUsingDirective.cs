using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.UnusedCode;

/// <summary>
/// A <c>using</c> directive that the compiler proves unused (its diagnostic CS8019). Only reported when every name in the
/// file resolves and the file has no <c>#if</c> regions: an unresolved name (a type from a NuGet package the review cannot
/// see) may come from any <c>using</c>, and code in an inactive region is not bound.
/// </summary>
/// <why>
/// Unused usings are noise at the top of every file, hide which dependencies a file really has, and make merge
/// conflicts more likely.
/// </why>
/// <example>
/// <code>
/// using System.Text;
///
/// public static class Greeting
/// {
///     public static string Hello(string name) => "Hello, " + name;
/// }
/// </code>
/// </example>
/// <fix>
/// <code>
/// public static class Greeting
/// {
///     public static string Hello(string name) => "Hello, " + name;
/// }
/// </code>
/// </fix>
/// <safety>The suggested deletion is safe: the compiler binds every name of the file without the directive.</safety>
internal sealed class UnusedUsingDirective() : CSharpRule("RBCS401", Category.UnusedCode, Severity.Note, "Unused using directive")
{
    /// <summary>The diagnostics it mirrors: where the repository turns one off, the rule is off too.</summary>
    public override IReadOnlyList<string> Counterparts { get; } = ["IDE0005", "CS8019"];

    private const string UnnecessaryUsing = "CS8019";

    public override void AnalyzeFile(FileContext file)
    {
        if (file.Root.Usings.Count == 0 || file.HasConditionalDirectives || !MayHaveUnusedUsing(file) || file.HasErrors) return;
        foreach (var diagnostic in file.CompilerDiagnostics)
        {
            if (diagnostic.Id != UnnecessaryUsing || diagnostic.Location.SourceTree != file.Tree) continue;
            var directive = file.Root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<UsingDirectiveSyntax>();
            if (directive is null || directive.GlobalKeyword != default) continue;
            var name = directive.Alias is { } alias
                ? alias.Name.Identifier.ValueText + " = " + directive.NamespaceOrType
                : (directive.StaticKeyword != default ? "static " : "") + directive.NamespaceOrType;
            Suggestion? deletion = null;
            if (file.FillsItsLines(directive))
            {
                var first = file.LineOf(directive.SpanStart);
                var last = file.LineOf(directive.Span.End);
                deletion = new Suggestion(first, last, "", $"Remove the unused 'using {name};'.");
            }

            file.Report(this, directive, $"Using directive '{name}' is not used; remove it.", deletion);
        }
    }

    // Members the compiler calls without their name in the source: await, foreach, collection initializers,
    // deconstruction, using, and the query operators of query expressions.
    private static readonly HashSet<string> ImplicitlyCalled = new(StringComparer.Ordinal)
    {
        "GetAwaiter", "GetEnumerator", "GetAsyncEnumerator", "Add", "Deconstruct", "Dispose", "DisposeAsync", "Select", "SelectMany", "Where",
        "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast",
    };

    /// <summary>
    /// A cheap filter before the compiler's diagnostics (which bind every method body of the file): a using can only be
    /// unused when no identifier of the file spells a type or an extension member of its namespace. When every using
    /// has such a name, the file is not bound for this rule (at worst an unused using goes unreported).
    /// </summary>
    private static bool MayHaveUnusedUsing(FileContext file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in file.Root.DescendantTokens(descendIntoTrivia: true))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken)) names.Add(token.ValueText);
        }

        var implicitCalls = file.Root.DescendantNodes().Any(n => n is QueryExpressionSyntax or AwaitExpressionSyntax or CommonForEachStatementSyntax
            or InitializerExpressionSyntax or CollectionExpressionSyntax or UsingStatementSyntax
            || n is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword }
            || n is AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax });
        // A using that a global using already imports is redundant whatever the file's names.
        var global = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in file.Model.Compilation.SyntaxTrees)
        {
            foreach (var directive in ((CompilationUnitSyntax)tree.GetRoot(file.CancellationToken)).Usings)
            {
                if (directive.GlobalKeyword != default && directive.Alias is null) global.Add(NameOf(directive.NamespaceOrType));
            }
        }

        foreach (var directive in file.Root.Usings)
        {
            if (directive.GlobalKeyword != default) continue;
            if (directive.Alias is null && global.Contains(NameOf(directive.NamespaceOrType))) return true;
            if (directive.Alias is { } alias)
            {
                if (!names.Contains(alias.Name.Identifier.ValueText)) return true;
                continue;
            }

            var target = file.Model.GetSymbolInfo(directive.NamespaceOrType, file.CancellationToken).Symbol;
            var types = target switch
            {
                INamespaceSymbol ns => ns.GetTypeMembers(),
                INamedTypeSymbol type => type.GetTypeMembers().Add(type),
                _ => default,
            };
            if (types.IsDefault) continue; // unresolved: the file has errors and the rule stays silent
            var mayBeUsed = false;
            foreach (var type in types)
            {
                if (target is INamespaceSymbol && (names.Contains(type.Name) || (type.Name.EndsWith("Attribute", StringComparison.Ordinal) && names.Contains(type.Name[..^9]))))
                {
                    mayBeUsed = true;
                    break;
                }

                if (!type.IsStatic && target is INamespaceSymbol) continue;
                if (MemberNames(type).Any(n => names.Contains(n) || (implicitCalls && ImplicitlyCalled.Contains(n))))
                {
                    mayBeUsed = true;
                    break;
                }
            }

            if (!mayBeUsed) return true;
        }

        return false;
    }

    private static string NameOf(TypeSyntax name) => name.ToString().Replace("global::", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    private static IEnumerable<string> MemberNames(INamedTypeSymbol type) =>
        type.MemberNames.Concat(type.GetTypeMembers().SelectMany(nested => nested.MemberNames));
}
