using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Rules.UnusedCode;

/// <summary>
/// A <c>using</c> directive that the compiler proves unused (its diagnostic CS8019). Where some name of the file does not
/// resolve (a type from a NuGet package the review cannot see) or sits in an inactive <c>#if</c> region, a directive is
/// still reported when nothing it imports is spelled like such a name: its namespace is known (from source, the
/// framework or a referenced project) and declares no type (with or without <c>Attribute</c>), nested namespace or
/// static member (extension methods) of that spelling. A directive of a namespace nothing known declares, or of one a
/// package of the project may add to (its id shares the namespace's leading segments), may be the missing package's and
/// stays silent; one that a global using already imports is redundant whatever the errors.
/// <c>reviewbot explain</c> lists each directive left unreported this way, with the name that kept it.
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
        if (file.Root.Usings.Count == 0) return;
        var global = GlobalUsings(file);
        if (!MayHaveUnusedUsing(file, global)) return;
        var implicitCallsUnbound = new Lazy<bool>(() => file.HasErrors && HasImplicitCalls(file.Root));
        foreach (var diagnostic in file.CompilerDiagnostics)
        {
            if (diagnostic.Id != UnnecessaryUsing || diagnostic.Location.SourceTree != file.Tree) continue;
            var directive = file.Root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<UsingDirectiveSyntax>();
            if (directive is null || directive.GlobalKeyword != default) continue;
            var name = directive.Alias is { } alias
                ? alias.Name.Identifier.ValueText + " = " + directive.NamespaceOrType
                : (directive.StaticKeyword != default ? "static " : "") + directive.NamespaceOrType;
            if (file.Unbound.Any && !IsImportedGlobally(directive, global) && MayServeUnboundName(directive, file, implicitCallsUnbound) is { } because)
            {
                file.Undecide(this, file.LineOf(directive.SpanStart), $"'using {name};' may be used: {because}");
                continue;
            }

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

    /// <summary>
    /// Why <paramref name="directive"/> may serve a name of the file that the compiler did not bind, or null when the
    /// directive is unused whatever the names it cannot see: its namespace (or type) is known, no package of the project
    /// may add to it, and it declares nothing spelled like an unbound name (a type, with or without <c>Attribute</c>; a
    /// nested namespace; a member of a static type, for extension methods and <c>using static</c>).
    /// </summary>
    private static string? MayServeUnboundName(UsingDirectiveSyntax directive, FileContext file, Lazy<bool> implicitCallsUnbound)
    {
        if (directive.Alias is { } alias)
        {
            var aliasName = alias.Name.Identifier.ValueText;
            return file.Unbound.LineOf(aliasName) is { } aliasLine ? $"'{aliasName}' on line {aliasLine} is not bound" : null;
        }

        var (served, unseen) = Imports(directive, file);
        if (unseen is not null) return unseen;
        foreach (var spelling in served.Distinct(StringComparer.Ordinal))
        {
            if (file.Unbound.LineOf(spelling) is { } line) return $"it declares '{spelling}', and '{spelling}' on line {line} is not bound";
            // await, foreach, deconstruction and the like call members by pattern: on a receiver that does not resolve,
            // the compiler never looked for them, and no name in the file spells them.
            if (ImplicitlyCalled.Contains(spelling) && implicitCallsUnbound.Value) return $"it declares '{spelling}', which await, foreach or an initializer may call on something that does not resolve";
        }

        return null;
    }

    /// <summary>
    /// The names a namespace or <c>using static</c> directive brings into scope, or why what it imports may be more than
    /// the review can see (its target does not resolve, or a package of the project may add to the namespace).
    /// </summary>
    private static (IEnumerable<string> Served, string? Unseen) Imports(UsingDirectiveSyntax directive, FileContext file)
    {
        var target = file.Model.GetSymbolInfo(directive.NamespaceOrType, file.CancellationToken).Symbol;
        if (directive.StaticKeyword != default)
        {
            return target is INamedTypeSymbol { TypeKind: not TypeKind.Error } type
                ? (BaseTypesAndSelf(type).SelectMany(MemberNames).Concat(type.GetTypeMembers().Select(t => t.Name)), null)
                : ([], "the type does not resolve: it may be a missing package's");
        }

        if (target is not INamespaceSymbol ns) return ([], "nothing the review can see declares the namespace: it may be a missing package's");
        if (PackageSharing(ns, file) is { } package && file.Unbound.First() is { } first)
        {
            return ([], $"package '{package}' may add types to the namespace, and '{first.Name}' on line {first.Line} does not resolve");
        }

        return (ServedBy(ns), null);
    }

    /// <summary>
    /// A package of the project whose id shares the namespace's leading segments (two, or all of the shorter):
    /// <c>Microsoft.Extensions.DependencyInjection.Abstractions</c> adds types to <c>Microsoft.Extensions.DependencyInjection</c>,
    /// which a library's own extension methods also declare; <c>MediatR.Contracts</c> to <c>MediatR</c>; and a package's
    /// dependencies share its family's prefix. Such a namespace is known, but not all of it.
    /// </summary>
    private static string? PackageSharing(INamespaceSymbol ns, FileContext file)
    {
        var segments = ns.ToDisplayString().Split('.');
        foreach (var package in file.PackagesInReach)
        {
            var parts = package.Split('.');
            var common = 0;
            while (common < segments.Length && common < parts.Length && segments[common].Equals(parts[common], StringComparison.OrdinalIgnoreCase)) common++;
            if (common > 0 && common >= Math.Min(2, Math.Min(segments.Length, parts.Length))) return package;
        }

        return null;
    }

    private static IEnumerable<string> ServedBy(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            yield return member.Name;
            if (member is not INamedTypeSymbol type) continue;
            if (type.Name.EndsWith("Attribute", StringComparison.Ordinal) && type.Name.Length > 9) yield return type.Name[..^9];
            if (!type.IsStatic) continue;
            foreach (var name in MemberNames(type)) yield return name;
        }
    }

    private static IEnumerable<INamedTypeSymbol> BaseTypesAndSelf(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType) yield return current;
    }

    private static bool IsImportedGlobally(UsingDirectiveSyntax directive, HashSet<string> global) =>
        directive.Alias is null && directive.StaticKeyword == default && directive.Parent is CompilationUnitSyntax
        && global.Contains(NameOf(directive.NamespaceOrType));

    private static HashSet<string> GlobalUsings(FileContext file)
    {
        var global = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in file.Model.Compilation.SyntaxTrees)
        {
            foreach (var directive in ((CompilationUnitSyntax)tree.GetRoot(file.CancellationToken)).Usings)
            {
                if (directive.GlobalKeyword != default && directive.Alias is null && directive.StaticKeyword == default) global.Add(NameOf(directive.NamespaceOrType));
            }
        }

        return global;
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
    private static bool MayHaveUnusedUsing(FileContext file, HashSet<string> global)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in file.Root.DescendantTokens(descendIntoTrivia: true))
        {
            if (token.IsKind(SyntaxKind.IdentifierToken)) names.Add(token.ValueText);
        }

        var implicitCalls = HasImplicitCalls(file.Root);
        foreach (var directive in file.Root.Usings)
        {
            if (directive.GlobalKeyword != default) continue;
            // A using that a global using already imports is redundant whatever the file's names.
            if (IsImportedGlobally(directive, global) || !MayBeUsed(directive, names, implicitCalls, file)) return true;
        }

        return false;
    }

    /// <summary>
    /// False when no identifier of the file spells what <paramref name="directive"/> imports: a type of its namespace
    /// (with or without <c>Attribute</c>), a member of a static type (extension methods), or, for <c>using static</c>, a
    /// member of the type or of a type nested in it. A directive whose target does not resolve may be used.
    /// </summary>
    private static bool MayBeUsed(UsingDirectiveSyntax directive, HashSet<string> names, bool implicitCalls, FileContext file)
    {
        if (directive.Alias is { } alias) return names.Contains(alias.Name.Identifier.ValueText);
        var target = file.Model.GetSymbolInfo(directive.NamespaceOrType, file.CancellationToken).Symbol;
        if (target is INamespaceSymbol ns)
        {
            return ns.GetTypeMembers().Any(type => IsSpelled(type, names) || (type.IsStatic && MembersSpelled(type, names, implicitCalls)));
        }

        // Unresolved: it may be a missing package's, and stays.
        return target is not INamedTypeSymbol imported || imported.GetTypeMembers().Add(imported).Any(type => MembersSpelled(type, names, implicitCalls));
    }

    private static bool MembersSpelled(INamedTypeSymbol type, HashSet<string> names, bool implicitCalls) =>
        MemberNames(type).Any(n => names.Contains(n) || (implicitCalls && ImplicitlyCalled.Contains(n)));

    private static bool IsSpelled(INamedTypeSymbol type, HashSet<string> names) =>
        names.Contains(type.Name) || (type.Name.EndsWith("Attribute", StringComparison.Ordinal) && names.Contains(type.Name[..^9]));

    private static bool HasImplicitCalls(CompilationUnitSyntax root) =>
        root.DescendantNodes().Any(n => n is QueryExpressionSyntax or AwaitExpressionSyntax or CommonForEachStatementSyntax
            or InitializerExpressionSyntax or CollectionExpressionSyntax or UsingStatementSyntax
            || n is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword }
            || n is AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax });

    private static string NameOf(TypeSyntax name) => name.ToString().Replace("global::", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    private static IEnumerable<string> MemberNames(INamedTypeSymbol type) =>
        type.MemberNames.Concat(type.GetTypeMembers().SelectMany(nested => nested.MemberNames));
}
