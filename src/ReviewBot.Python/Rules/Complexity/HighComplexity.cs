using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Complexity;

/// <summary>
/// A function whose McCabe (cyclomatic) complexity is above the configured limit (<setting>thresholds.complexity</setting>),
/// counted as PyCQA mccabe (flake8's C901) counts it: one, plus one for each <c>if</c>/<c>elif</c> and loop, plus one
/// for each <c>try</c> and each of its <c>except</c> handlers; a function nested in it (or a method of a class nested
/// in it) adds one plus its own decisions and is not reported on its own; <c>else</c>, <c>with</c>, boolean operators
/// and comprehensions add nothing, and neither does anything inside a <c>finally</c> block (mccabe leaves it out, so
/// the figure is flake8's). One difference: each <c>case</c> of a <c>match</c> adds one (as ruff's C901 counts it),
/// where mccabe, which predates <c>match</c>, adds nothing.
/// </summary>
/// <why>Each decision doubles the paths a reader must follow and a test must cover; past about ten, changes start breaking paths nobody remembered.</why>
/// <example><code>
/// def evacuate(server, host, force, group):
///     if ...: ...
///     elif ...: ...
///     for ...:
///         if ...: ...
///     # ... eleven decisions in all
/// </code></example>
/// <fix><code>
/// def evacuate(server, host, force, group):
///     target = _choose_host(server, host, group)
///     _check_preconditions(server, force)
///     _rebuild(server, target)
/// </code></fix>
public sealed class HighComplexity : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY501", nameof(HighComplexity), Category.Complexity, Severity.Warning, Languages.Python, "Function too complex")
    {
        DocumentedBy = typeof(HighComplexity),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var limit = file.Thresholds.MaxComplexity;
        foreach (var function in file.Index.Functions)
        {
            if (IsNested(function)) continue;
            var complexity = 1 + Decisions(function.Node.Body);
            if (complexity <= limit) continue;
            var name = function.Node.Name;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The function '{name}' has a cyclomatic complexity of {complexity}, above the limit of {limit}; split it into smaller functions.");
        }
    }

    // A function inside another function, directly or as a method of a class defined there: counted in its encloser.
    private static bool IsNested(FunctionInfo function)
    {
        if (function.Parent is not null) return true;
        for (var cls = function.Class; cls is not null; cls = cls.Outer)
        {
            if (cls.Function is not null) return true;
        }

        return false;
    }

    /// <summary>The decision points of a body, as mccabe counts them, nested functions and classes included.</summary>
    public static int Decisions(IReadOnlyList<Statement> body)
    {
        var count = 0;
        foreach (var statement in body)
        {
            count += statement switch
            {
                IfStatement s => 1 + Decisions(s.Body) + Decisions(s.OrElse),
                ForStatement s => 1 + Decisions(s.Body) + Decisions(s.OrElse),
                WhileStatement s => 1 + Decisions(s.Body) + Decisions(s.OrElse),
                // mccabe's graph leaves the finally block out, decisions and all.
                TryStatement s => 1 + s.Handlers.Count + Decisions(s.Body) + s.Handlers.Sum(h => Decisions(h.Body)) + Decisions(s.OrElse),
                WithStatement s => Decisions(s.Body),
                MatchStatement s => s.Cases.Count + s.Cases.Sum(c => Decisions(c.Body)),
                FunctionDefinition s => 1 + Decisions(s.Body),
                ClassDefinition s => Decisions(s.Body),
                _ => 0,
            };
        }

        return count;
    }
}
