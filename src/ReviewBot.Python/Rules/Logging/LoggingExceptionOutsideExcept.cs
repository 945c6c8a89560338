using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Logging;

/// <summary>
/// <c>logging.exception</c> (or a logger's <c>exception</c>) called outside an <c>except</c> block, in a function
/// that handles exceptions elsewhere.
/// </summary>
/// <why>Outside a handler there is no exception being handled, so the record gets <c>NoneType: None</c> for a traceback and an error level that hides what happened.</why>
/// <example><code>
/// try:
///     evacuate(server)
/// except EvacuationError:
///     failed = True
/// if failed:
///     LOG.exception("evacuation failed")
/// </code></example>
/// <fix><code>
/// try:
///     evacuate(server)
/// except EvacuationError:
///     LOG.exception("evacuation failed")
/// </code></fix>
public sealed class LoggingExceptionOutsideExcept : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY703", nameof(LoggingExceptionOutsideExcept), Category.Logging, Severity.Warning, Languages.Python, "logging.exception outside an except block")
    {
        DocumentedBy = typeof(LoggingExceptionOutsideExcept),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        HashSet<FunctionDefinition>? handling = null;
        foreach (var info in file.Index.Calls)
        {
            if (info.InExceptHandler || !LoggingCalls.IsLoggingCall(file, info.Node, out var level) || level != "exception") continue;
            if (info.Function is null) continue;
            handling ??= file.Index.Functions.Where(f => HasHandler(f.Node.Body)).Select(f => f.Node).ToHashSet();
            if (!handling.Contains(info.Function.Node)) continue;
            file.Report(Rule, info.Node, $"The 'exception' log call in '{info.Function.Node.Name}' is outside an except block, so it has no exception to record; move it into the handler or use 'error'.");
        }
    }

    private static bool HasHandler(IReadOnlyList<Statement> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case TryStatement { Handlers.Count: > 0 }:
                    return true;
                case TryStatement t when HasHandler(t.Body) || HasHandler(t.Finally):
                case IfStatement i when HasHandler(i.Body) || HasHandler(i.OrElse):
                case ForStatement f when HasHandler(f.Body):
                case WhileStatement w when HasHandler(w.Body):
                case WithStatement x when HasHandler(x.Body):
                    return true;
            }
        }

        return false;
    }
}
