using Microsoft.CodeAnalysis;
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
    private const string UnnecessaryUsing = "CS8019";

    public override void AnalyzeFile(FileContext file)
    {
        if (file.Root.Usings.Count == 0 || file.HasConditionalDirectives || file.HasErrors) return;
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
}
