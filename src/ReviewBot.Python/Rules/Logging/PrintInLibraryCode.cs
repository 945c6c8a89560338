using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Logging;

/// <summary>
/// <c>print</c> in library code: not in tests, scripts (a <c>__main__</c> guard, a shebang, a <c>main()</c>, a
/// <c>scripts/</c> or <c>bin/</c> folder) or command-line modules, and not when it writes to an explicit <c>file=</c>.
/// </summary>
/// <why>A library cannot know where standard output goes: a service, a worker or a test runner. Logging lets the application choose the destination and the level.</why>
/// <example><code>
/// def evacuate(server):
///     print("evacuating", server.id)
/// </code></example>
/// <fix><code>
/// LOG = logging.getLogger(__name__)
///
/// def evacuate(server):
///     LOG.info("evacuating %s", server.id)
/// </code></fix>
public sealed class PrintInLibraryCode : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY704", nameof(PrintInLibraryCode), Category.Logging, Severity.Note, Languages.Python, "print in library code")
    {
        DocumentedBy = typeof(PrintInLibraryCode),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (file.IsTestFile || file.IsScript) return;
        var path = file.Path.Replace('\\', '/');
        if (path.Contains("/cli/", StringComparison.Ordinal) || path.Contains("/commands/", StringComparison.Ordinal) || path.StartsWith("cli/", StringComparison.Ordinal)) return;
        foreach (var info in file.Index.Calls)
        {
            if (info.Node.Function is not NameExpression { Id: "print" }) continue;
            if (Semantics.SemanticModel.Resolve(file.Semantics.Module, "print") is not null) continue;
            if (info.Node.Keyword("file") is { } target && file.QualifiedName(target) != "sys.stdout") continue;
            var function = info.Function;
            while (function?.Parent is not null) function = function.Parent;
            var name = function?.Node.Name ?? "";
            if (name.StartsWith("print", StringComparison.Ordinal) || name.StartsWith("show", StringComparison.Ordinal) || name.StartsWith("display", StringComparison.Ordinal)
                || name.StartsWith("dump", StringComparison.Ordinal) || name.Contains("main", StringComparison.Ordinal) || name is "__repr__" or "__str__") continue;
            file.Report(Rule, info.Node, function is null
                ? "The module prints to standard output at import time; use logging so the application chooses where messages go."
                : $"The function '{name}' prints to standard output; use a logger so the application chooses where messages go.");
        }
    }
}
