using System.Text.RegularExpressions;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.UnusedCode;

/// <summary>
/// An import whose name is never read in the scope it binds (pyflakes F401). Names listed in <c>__all__</c>, names
/// used only in string annotations and names deleted with <c>del</c> count as used.
/// </summary>
/// <why>
/// Unused imports clutter the module, slow its import, can create import cycles, and mislead readers about what the
/// code depends on.
/// </why>
/// <example>
/// <code>
/// import os
/// import sys
///
/// print(sys.argv)
/// </code>
/// </example>
/// <fix>
/// <code>
/// import sys
///
/// print(sys.argv)
/// </code>
/// </fix>
/// <safety>
/// Removing an import also removes its side effects. Not reported: <c>__future__</c> imports, imports in a
/// <c>try</c> block whose handler catches <c>ImportError</c> (an availability check) and the handler's fallback imports
/// of the same names, imports under <c>with pytest.raises(...)</c> or <c>with self.assertRaises(...)</c> (the import is
/// the action under test), re-exports (<c>import a as a</c>, module-level imports of a package's <c>__init__.py</c>),
/// stubs (<c>.pyi</c>).
/// </safety>
public sealed partial class UnusedImport : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY401", nameof(UnusedImport), Category.UnusedCode, Severity.Warning, Languages.Python, "Unused import")
    {
        DocumentedBy = typeof(UnusedImport),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (file.IsStub) return;
        var model = file.Semantics;
        HashSet<string>? typeCommentNames = null;
        var unused = new List<(ImportAlias Alias, Binding Binding)>();
        foreach (var scope in model.Scopes)
        {
            // Class-level imports are class attributes (reachable as self.name); pyflakes does not report them either.
            if (scope.Kind == ScopeKind.Class || (scope.Kind == ScopeKind.Module && file.IsPackageInit)) continue;
            foreach (var (name, bindings) in scope.Bindings)
            {
                var last = scope.Last(name)!;
                if (last.Kind is not (BindingKind.Import or BindingKind.FromImport) || last.Used || last.InImportGuard || last.InExpectedRaise) continue;
                if (last.Node is not ImportAlias alias || alias.AsName == alias.Name) continue;
                if (scope.Kind != ScopeKind.Module && scope.UsesLocals) continue;
                if ((typeCommentNames ??= TypeCommentNames(file)).Contains(name)) continue;
                if (alias.AsName is null && alias.Name.Contains('.') && ImportsPackageElsewhere(file, alias)) continue;
                unused.Add((alias, last));
            }
        }

        // One suggestion per statement, on its first unused name: it removes every unused name of the statement.
        foreach (var group in unused.GroupBy(u => u.Binding.Statement).OrderBy(g => g.Key?.Line ?? 0))
        {
            var names = group.OrderBy(u => u.Alias.Line).ThenBy(u => u.Alias.Column).ToList();
            var suggestion = group.Key is { } statement ? Removal(file, statement, names.Select(n => n.Alias).ToHashSet(), names[0].Binding.Scope) : null;
            foreach (var (alias, binding) in names)
            {
                file.Report(Rule, alias, Message(alias, binding), suggestion, group.Key?.Line);
                suggestion = null;
            }
        }
    }

    // Names in '# type:' comments (PEP 484 type comments) are reads, as pyflakes counts them.
    private static HashSet<string> TypeCommentNames(PythonFile file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comment in file.Module.Comments)
        {
            var text = comment.Text.AsSpan().TrimStart('#').TrimStart();
            if (!text.StartsWith("type:", StringComparison.Ordinal)) continue;
            foreach (var match in Identifier().EnumerateMatches(text[5..]))
            {
                names.Add(text.Slice(5 + match.Index, match.Length).ToString());
            }
        }

        return names;
    }

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    // 'import a.b' also makes 'a.b' reachable through another import of 'a' ('import a as x; x.b'): not reported.
    private static bool ImportsPackageElsewhere(PythonFile file, ImportAlias alias)
    {
        var root = alias.BoundName;
        foreach (var binding in file.Semantics.Module.Bindings.Values.SelectMany(b => b))
        {
            if (binding.Node == alias || binding.Node is not ImportAlias other) continue;
            var otherRoot = binding.Statement is ImportFromStatement { Level: 0, Module: { } module } ? module.Split('.')[0] : other.Name.Split('.')[0];
            if (otherRoot == root) return true;
        }

        return false;
    }

    private static string Message(ImportAlias alias, Binding binding)
    {
        if (binding.Statement is ImportFromStatement from)
        {
            var module = new string('.', from.Level) + from.Module;
            return alias.AsName is null
                ? $"The name '{alias.Name}' imported from '{module}' is not used."
                : $"The name '{alias.Name}' imported from '{module}' as '{alias.AsName}' is not used.";
        }

        return alias.AsName is null
            ? $"The '{alias.Name}' module is imported but not used."
            : $"The '{alias.Name}' module, imported as '{alias.AsName}', is not used.";
    }

    // On a one-line statement: drops the unused names, or deletes the line when every name is unused (at module
    // level only, where deleting cannot empty a block).
    private static Suggestion? Removal(PythonFile file, Statement statement, HashSet<ImportAlias> unused, Scope scope)
    {
        var aliases = statement switch { ImportStatement i => i.Names, ImportFromStatement f => f.Names, _ => [] };
        if (aliases.Count == 0 || statement.Line != statement.EndLine) return null;
        if (file.Lines.GetLine(statement.Line).Trim() != file.TextOf(statement).Trim()) return null;
        var kept = aliases.Where(a => !unused.Contains(a)).Select(a => file.TextOf(a)).ToList();
        if (kept.Count == 0)
        {
            if (scope.Kind != ScopeKind.Module || file.Module.Body.Count < 2 || !file.Module.Body.Contains(statement)) return null;
            return new Suggestion(statement.Line, statement.Line, "", "Remove the unused import.");
        }

        var head = statement is ImportFromStatement from ? $"from {new string('.', from.Level)}{from.Module} import " : "import ";
        return new Suggestion(statement.Line, statement.Line, file.IndentOf(statement.Line) + head + string.Join(", ", kept), "Remove the unused names.");
    }
}
