using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Logging;

/// <summary>Recognises calls of a logger: <c>logging.info(...)</c>, <c>LOG.warning(...)</c>, <c>self.logger.error(...)</c>.</summary>
public static class LoggingCalls
{
    private static readonly HashSet<string> Levels = ["debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"];

    /// <summary>The message argument of a logging call, or null when the call is not one.</summary>
    public static Expression? Message(PythonFile file, CallExpression call, out string level)
    {
        if (!IsLoggingCall(file, call, out level)) return null;
        var name = level;
        var index = name == "log" ? 1 : 0;
        return call.Arguments.Count > index && call.Arguments[index].Name is null && call.Arguments[index].Stars == 0 ? call.Arguments[index].Value : call.Keyword("msg");
    }

    /// <summary>Whether <paramref name="call"/> is a logger's level method; <paramref name="level"/> is the method.</summary>
    public static bool IsLoggingCall(PythonFile file, CallExpression call, out string level)
    {
        level = "";
        if (call.Function is not AttributeExpression { Name: var name } attribute || !Levels.Contains(name)) return false;
        if (!IsLogger(file, attribute.Value)) return false;
        level = name;
        return true;
    }

    private static bool IsLogger(PythonFile file, Expression receiver)
    {
        if (receiver is CallExpression factory && SyntaxFacts.CalleeName(factory) is "getLogger" or "get_logger") return true;
        if (file.QualifiedName(receiver) == "logging") return true;
        var last = receiver switch { NameExpression n => n.Id, AttributeExpression a => a.Name, _ => null };
        if (last is null) return false;
        var lower = last.TrimStart('_').ToLowerInvariant();
        return lower is "log" or "logger" or "logging" or "lg" || lower.EndsWith("logger", StringComparison.Ordinal)
            || lower.EndsWith("_log", StringComparison.Ordinal) || lower.StartsWith("log_", StringComparison.Ordinal);
    }

    /// <summary>Replaces the text of <paramref name="node"/> (on one line) with <paramref name="replacement"/> in that line.</summary>
    public static string? ReplaceOnLine(PythonFile file, Node node, string replacement)
    {
        if (node.Line != node.EndLine) return null;
        var line = file.Lines.GetLine(node.Line);
        if (node.EndColumn - 1 > line.Length) return null;
        return line[..(node.Column - 1)] + replacement + line[(node.EndColumn - 1)..];
    }
}
