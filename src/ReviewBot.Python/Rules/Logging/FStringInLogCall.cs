using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Logging;

/// <summary>An f-string as the message of a logging call (pylint W1203).</summary>
/// <why>
/// The f-string is formatted even when the level is disabled, and every message becomes a distinct string, so log
/// aggregators cannot group them. Passing the arguments lets logging format lazily and keeps the template constant.
/// </why>
/// <example><code>
/// LOG.info(f"evacuated {count} servers")
/// </code></example>
/// <fix><code>
/// LOG.info("evacuated %s servers", count)
/// </code></fix>
/// <safety>The suggestion is offered only when every field is a plain expression (no conversion or format spec).</safety>
public sealed class FStringInLogCall : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY701", nameof(FStringInLogCall), Category.Logging, Severity.Warning, Languages.Python, "f-string in a logging call")
    {
        DocumentedBy = typeof(FStringInLogCall),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var message = LoggingCalls.Message(file, info.Node, out var level);
            if (message is not StringExpression { Interpolations.Count: > 0 } text || !text.IsFString) continue;
            Suggestion? suggestion = null;
            if (ToPercentTemplate(file, text) is { } converted && LoggingCalls.ReplaceOnLine(file, text, converted) is { } line)
            {
                suggestion = new Suggestion(text.Line, text.Line, line, "Pass the values as arguments.");
            }

            file.Report(Rule, text, $"The '{level}' call formats its message with an f-string; pass the values as arguments (\"... %s\", value) so logging formats lazily.", suggestion);
        }
    }

    // f"evacuated {n} of {total}" becomes "evacuated %s of %s", n, total; null when a field is not a plain expression.
    private static string? ToPercentTemplate(PythonFile file, StringExpression text)
    {
        if (text.Parts.Count != 1 || text.Line != text.EndLine) return null;
        var token = text.Parts[0];
        var spans = token.FStringExpressions;
        if (spans is null || spans.Count == 0) return null;
        var source = file.Text;
        var prefix = StringLiterals.PrefixOf(token.Text);
        var newPrefix = prefix.Replace("f", "", StringComparison.Ordinal).Replace("F", "", StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder(newPrefix);
        var arguments = new List<string>();
        var position = token.Start + prefix.Length;
        foreach (var span in spans)
        {
            var open = span.Start - 1;
            if (open < position || source[open] != '{' || span.End >= token.End || source[span.End] != '}') return null;
            var literal = source[position..open];
            if (literal.Contains('%')) return null;
            builder.Append(literal.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal)).Append("%s");
            arguments.Add(source[span.Start..span.End].Trim());
            position = span.End + 1;
        }

        var rest = source[position..token.End];
        if (rest.Contains('%')) return null;
        builder.Append(rest.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal));
        return builder + ", " + string.Join(", ", arguments);
    }
}
