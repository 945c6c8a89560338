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
/// <c>try</c> block whose handler catches <c>ImportError</c> (an availability check), re-exports (<c>import a as a</c>,
/// module-level imports of a package's <c>__init__.py</c>), stubs (<c>.pyi</c>).
/// </safety>
public sealed class UnusedImport : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY401", nameof(UnusedImport), Category.UnusedCode, Severity.Warning, Languages.Python, "Unused import")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(UnusedImport)),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (file.IsStub) return;
        var model = file.Semantics;
        foreach (var scope in model.Scopes)
        {
            if (scope.Kind == ScopeKind.Module && file.IsPackageInit) continue;
            foreach (var (name, bindings) in scope.Bindings)
            {
                var last = scope.Last(name)!;
                if (last.Kind is not (BindingKind.Import or BindingKind.FromImport) || last.Used || last.InImportGuard) continue;
                if (last.Node is not ImportAlias alias || alias.AsName == alias.Name) continue;
                if (scope.Kind != ScopeKind.Module && scope.UsesLocals) continue;
                file.Report(Rule, alias, Message(alias, last), Removal(file, last));
            }
        }
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

    // Deletes the line when it holds nothing but this single-name import, at module level where deleting cannot empty a block.
    private static Suggestion? Removal(PythonFile file, Binding binding)
    {
        if (binding.Scope.Kind != ScopeKind.Module || binding.Statement is not { } statement) return null;
        var names = statement switch { ImportStatement i => i.Names.Count, ImportFromStatement f => f.Names.Count, _ => 0 };
        if (names != 1 || statement.Line != statement.EndLine || file.Module.Body.Count < 2) return null;
        if (!file.Module.Body.Contains(statement)) return null;
        if (file.Lines.GetLine(statement.Line).Trim() != file.TextOf(statement).Trim()) return null;
        return new Suggestion(statement.Line, statement.Line, "", "Remove the unused import.");
    }
}
