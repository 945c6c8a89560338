using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Logging;

/// <summary>A logging call whose message is formatted eagerly with <c>%</c>, <c>.format()</c> or <c>+</c> (pylint W1201, W1202).</summary>
/// <why>
/// The message is built even when the level is disabled, and a formatting error raises at the call instead of being
/// reported by logging. Logging formats lazily when it gets the template and the arguments.
/// </why>
/// <example><code>
/// LOG.info("evacuated %s servers" % count)
/// LOG.info("evacuated {} servers".format(count))
/// </code></example>
/// <fix><code>
/// LOG.info("evacuated %s servers", count)
/// </code></fix>
/// <safety>The suggestion is offered for <c>%</c> with a tuple or a single value, where it is mechanical.</safety>
public sealed class EagerFormatInLogCall : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY702", nameof(EagerFormatInLogCall), Category.Logging, Severity.Warning, Languages.Python, "Eagerly formatted logging message")
    {
        DocumentedBy = typeof(EagerFormatInLogCall),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var message = LoggingCalls.Message(file, info.Node, out var level);
            switch (message)
            {
                case BinaryExpression { Operator: "%", Left: StringExpression template, Right: var values } percent:
                    {
                        Suggestion? suggestion = null;
                        if (values is not (DictExpression or StarredExpression) && values is not SequenceExpression { Kind: SequenceKind.Tuple, Elements.Count: 0 })
                        {
                            var arguments = values is SequenceExpression { Kind: SequenceKind.Tuple } tuple && tuple.Elements.All(e => e is not StarredExpression)
                                ? string.Join(", ", tuple.Elements.Select(e => file.TextOf(e)))
                                : file.TextOf(values);
                            if (LoggingCalls.ReplaceOnLine(file, percent, file.TextOf(template) + ", " + arguments) is { } line)
                            {
                                suggestion = new Suggestion(percent.Line, percent.Line, line, "Pass the values as arguments.");
                            }
                        }

                        file.Report(Rule, percent, $"The '{level}' call formats its message with '%' before logging sees it; pass the values as arguments instead.", suggestion);
                        break;
                    }

                case CallExpression { Function: AttributeExpression { Name: "format", Value: StringExpression } } format:
                    file.Report(Rule, format, $"The '{level}' call formats its message with '.format()' before logging sees it; use a %s template and pass the values as arguments.");
                    break;
                case BinaryExpression { Operator: "+" } concatenation when SyntaxFacts.IsBuiltString(concatenation):
                    file.Report(Rule, concatenation, $"The '{level}' call builds its message by concatenation; use a %s template and pass the values as arguments.");
                    break;
            }
        }
    }
}
