using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Complexity;

/// <summary>
/// A block nested deeper than the configured limit (<setting>thresholds.nesting</setting>) inside a function:
/// <c>if</c>, <c>for</c>, <c>while</c>, <c>with</c>, <c>try</c> and <c>match</c> each add a level. Reported once per
/// function, at the first block past the limit.
/// </summary>
/// <why>Deep nesting makes the reader hold every enclosing condition in mind at once; the innermost lines are where bugs hide.</why>
/// <example><code>
/// for server in servers:
///     if server.host == host:
///         for port in server.ports:
///             if port.active:
///                 with lock:
///                     if port.bound: ...
/// </code></example>
/// <fix><code>
/// for server in servers:
///     if server.host != host:
///         continue
///     _release_ports(server)
/// </code></fix>
public sealed class DeepNesting : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY502", nameof(DeepNesting), Category.Complexity, Severity.Warning, Languages.Python, "Blocks nested too deeply")
    {
        DocumentedBy = typeof(DeepNesting),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var limit = file.Thresholds.MaxNesting;
        foreach (var function in file.Index.Functions)
        {
            var (statement, depth) = FirstTooDeep(function.Node.Body, 0, limit);
            if (statement is null) continue;
            var keyword = file.TextOf(statement, firstLineOnly: true).Split(' ', '(', ':')[0];
            file.Report(Rule, statement.Line, statement.Column, statement.Line, statement.Column + keyword.Length,
                $"The '{keyword}' block in '{function.Node.Name}' is nested {depth} levels deep, above the limit of {limit}; return early or extract the inner part into a function.");
        }
    }

    private static (Statement? Statement, int Depth) FirstTooDeep(IReadOnlyList<Statement> body, int depth, int limit)
    {
        foreach (var statement in body)
        {
            var blocks = Blocks(statement);
            if (blocks is null) continue;
            var level = depth + (statement is IfStatement { IsElif: true } ? 0 : 1);
            if (level > limit) return (statement, level);
            foreach (var block in blocks)
            {
                var found = FirstTooDeep(block, level, limit);
                if (found.Statement is not null) return found;
            }
        }

        return (null, 0);
    }

    private static IEnumerable<IReadOnlyList<Statement>>? Blocks(Statement statement) => statement switch
    {
        IfStatement s => s.OrElse is [IfStatement { IsElif: true } elif] ? [s.Body, [elif]] : [s.Body, s.OrElse],
        ForStatement s => [s.Body, s.OrElse],
        WhileStatement s => [s.Body, s.OrElse],
        WithStatement s => [s.Body],
        TryStatement s => [s.Body, .. s.Handlers.Select(h => h.Body), s.OrElse, s.Finally],
        MatchStatement s => s.Cases.Select(c => c.Body),
        _ => null,
    };
}
