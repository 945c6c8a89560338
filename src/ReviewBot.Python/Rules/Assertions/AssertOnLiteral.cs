using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Assertions;

/// <summary><c>assertTrue</c>/<c>assertFalse</c> on a literal (a string, a number, a non-empty tuple or list): the assertion can never fail, or always fails.</summary>
/// <why>
/// <c>self.assertTrue("evacuated")</c> passes whatever happened, usually because the arguments are in the wrong
/// order or a comparison was meant; <c>self.assertTrue((a, b))</c> is a non-empty tuple and always true.
/// </why>
/// <example><code>
/// self.assertTrue("ACTIVE", server["status"])
/// </code></example>
/// <fix><code>
/// self.assertEqual("ACTIVE", server["status"])
/// </code></fix>
public sealed class AssertOnLiteral : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY603", nameof(AssertOnLiteral), Category.Assertions, Severity.Error, Languages.Python, "assertTrue or assertFalse on a literal")
    {
        DocumentedBy = typeof(AssertOnLiteral),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            var method = UnittestCalls.SelfMethod(call);
            if (method is not ("assertTrue" or "assertFalse") || call.Arguments.Count == 0 || call.Arguments[0].Name is not null) continue;
            var value = call.Arguments[0].Value;
            var truthy = value switch
            {
                StringExpression text when text.Interpolations.Count == 0 => (bool?)(text.Value.Length > 0),
                StringExpression => true,
                ConstantExpression { Kind: ConstantKind.Number } number => number.Text.Trim('0', '.', '_', 'j', 'J', 'x', 'X', 'o', 'O', 'b', 'B').Length > 0,
                SequenceExpression { Elements.Count: > 0 } => true,
                DictExpression { Keys.Count: > 0 } => true,
                _ => null,
            };
            if (truthy is null) continue;
            var outcome = (method == "assertTrue") == truthy.Value ? "always passes" : "always fails";
            file.Report(Rule, call, $"The '{method}' call is given the literal {Shorten(file.TextOf(value, firstLineOnly: true))}, so it {outcome}; compare the actual value with assertEqual or assertIn.");
        }
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..27] + "...";
}
