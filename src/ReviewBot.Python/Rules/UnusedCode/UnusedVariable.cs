using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Semantics;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.UnusedCode;

/// <summary>
/// A local variable of a function that is assigned but never read, and an exception bound with <c>except ... as e</c>
/// that is never read, and a <c>with ... as name</c> target that is never read (pyflakes F841). Tuple unpacking,
/// <c>_</c>, and functions that call <c>locals()</c> are exempt. Also a module logger
/// (<c>LOG = logging.getLogger(__name__)</c>) that nothing in the module reads: in a test module or a script always
/// (no other module imports their logger); in a library module only when the review has the repository, no other file
/// imports it (<c>from pkg.worker import LOG</c>) and it is not in <c>__all__</c>.
/// </summary>
/// <why>
/// A value computed and dropped is either dead code or a bug: the result that was meant to be checked or returned
/// is silently ignored.
/// </why>
/// <example>
/// <code>
/// def evacuate(server):
///     result = server.evacuate()
///     return True
/// </code>
/// </example>
/// <fix>
/// <code>
/// def evacuate(server):
///     server.evacuate()
///     return True
/// </code>
/// </fix>
/// <safety>
/// The suggestion keeps the call and drops only the name, so side effects stay.
/// </safety>
public sealed class UnusedVariable : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY402", nameof(UnusedVariable), Category.UnusedCode, Severity.Warning, Languages.Python, "Unused local variable")
    {
        DocumentedBy = typeof(UnusedVariable),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (file.IsStub) return;
        foreach (var scope in file.Semantics.Scopes)
        {
            if (scope.UsesLocals) continue;
            foreach (var (name, _) in scope.Bindings)
            {
                if (name.Trim('_').Length == 0) continue;
                var last = scope.Last(name)!;
                if (last.Used && last.Kind != BindingKind.ExceptionName) continue;
                if (last.Kind == BindingKind.ExceptionName && last.Node is ExceptHandler handler)
                {
                    // The name lives only in its handler (Python deletes it after), so only reads there count.
                    if (file.Semantics.IsReadWithin(scope, name, handler.Line, handler.EndLine)) continue;
                    file.Report(Rule, handler.Line, handler.Column, handler.Line, handler.Column + 6,
                        $"The exception is bound to '{name}', which is never used.",
                        DropExceptionName(file, handler, name));
                    continue;
                }

                if (scope.Kind == ScopeKind.Module && last.Kind == BindingKind.Assignment && last.Node is NameExpression logger && IsUnusedModuleLogger(file, last))
                {
                    file.Report(Rule, logger, $"The module logger '{name}' is created but never used.");
                    continue;
                }

                if (scope.Kind == ScopeKind.Function && last.Kind == BindingKind.WithTarget && last.Node is NameExpression held
                    && last.Statement is WithStatement with && with.Items.Any(item => item.Target == held))
                {
                    file.Report(Rule, held, $"The context manager's value is bound to '{name}', which is never used.", DropWithTarget(file, held, name));
                    continue;
                }

                if (scope.Kind != ScopeKind.Function || last.Kind != BindingKind.Assignment || last.Node is not NameExpression target) continue;
                file.Report(Rule, target, $"The local variable '{name}' is assigned but never used.", KeepValue(file, last));
            }
        }
    }

    // 'LOG = logging.getLogger(__name__)' that nothing reads: no module imports a test module's or a script's logger;
    // a library module's may be imported by another file of the repository (or by its users, when it is in __all__).
    private static bool IsUnusedModuleLogger(PythonFile file, Binding binding)
    {
        if (binding.Statement is not AssignStatement { Targets.Count: 1, Value: CallExpression call }) return false;
        if (file.QualifiedName(call.Function) is not ("logging.getLogger" or "structlog.get_logger" or "structlog.getLogger")) return false;
        if (file.IsTestFile || file.IsScript) return true;
        if (!file.Repository.IsAvailable || file.IsPackageInit || file.Semantics.IsInAll(binding.Name)) return false;
        var module = System.IO.Path.GetFileNameWithoutExtension(file.Path);
        return !file.Repository.ImportedElsewhere(file.Path, module, binding.Name);
    }

    // 'except ValueError as e:' becomes 'except ValueError:' when the clause is on one line.
    private static Suggestion? DropExceptionName(PythonFile file, ExceptHandler handler, string name)
    {
        if (handler.Type is not { } type || type.EndLine != handler.Line) return null;
        var line = file.Lines.GetLine(handler.Line);
        var clause = " as " + name;
        var at = line.IndexOf(clause, type.EndColumn - 1, StringComparison.Ordinal);
        if (at < 0 || line.AsSpan(type.EndColumn - 1, at - (type.EndColumn - 1)).Trim().Length > 0) return null;
        var rest = line[(at + clause.Length)..];
        if (!rest.TrimStart().StartsWith(':')) return null;
        return new Suggestion(handler.Line, handler.Line, line[..at] + rest, $"Drop the unused name '{name}'.");
    }

    // 'with open(p) as f:' becomes 'with open(p):' when ' as f' occurs once on the line.
    private static Suggestion? DropWithTarget(PythonFile file, NameExpression target, string name)
    {
        var line = file.Lines.GetLine(target.Line);
        var clause = " as " + name;
        var at = line.IndexOf(clause, StringComparison.Ordinal);
        if (at < 0 || line.IndexOf(clause, at + 1, StringComparison.Ordinal) >= 0) return null;
        var after = at + clause.Length;
        if (after < line.Length && (char.IsLetterOrDigit(line[after]) || line[after] == '_')) return null;
        return new Suggestion(target.Line, target.Line, line[..at] + line[after..], $"Drop the unused name '{name}'.");
    }

    // 'x = call()' on one line becomes 'call()'.
    private static Suggestion? KeepValue(PythonFile file, Binding binding)
    {
        if (binding.Statement is not AssignStatement { Targets.Count: 1, Value: CallExpression call } statement) return null;
        if (statement.Line != statement.EndLine || file.Lines.GetLine(statement.Line).Trim() != file.TextOf(statement).Trim()) return null;
        return new Suggestion(statement.Line, statement.Line, file.IndentOf(statement.Line) + file.TextOf(call), $"Drop the unused name '{binding.Name}' and keep the call.");
    }
}
