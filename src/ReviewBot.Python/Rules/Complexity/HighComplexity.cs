using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Complexity;

/// <summary>
/// A function whose McCabe (cyclomatic) complexity is above the configured limit (10 by default, <c>thresholds.max_complexity</c>):
/// one plus each <c>if</c>/<c>elif</c>, loop, <c>except</c> handler and <c>case</c>, as PyCQA mccabe counts them.
/// Nested functions are counted on their own.
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
        Doc = RuleDoc.FromXmlDocumentation(typeof(HighComplexity)),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var limit = file.Thresholds.MaxComplexity;
        foreach (var function in file.Index.Functions)
        {
            var complexity = 1 + Decisions(function.Node.Body);
            if (complexity <= limit) continue;
            var name = function.Node.Name;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The function '{name}' has a cyclomatic complexity of {complexity}, above the limit of {limit}; split it into smaller functions.");
        }
    }

    /// <summary>The decision points of a body, not counting nested function and class bodies.</summary>
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
                TryStatement s => s.Handlers.Count + Decisions(s.Body) + s.Handlers.Sum(h => Decisions(h.Body)) + Decisions(s.OrElse) + Decisions(s.Finally),
                WithStatement s => Decisions(s.Body),
                MatchStatement s => s.Cases.Count + s.Cases.Sum(c => Decisions(c.Body)),
                _ => 0,
            };
        }

        return count;
    }
}
