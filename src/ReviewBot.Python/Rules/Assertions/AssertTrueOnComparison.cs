using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Assertions;

/// <summary>
/// <c>assertTrue</c>/<c>assertFalse</c> on a comparison, membership, identity or <c>isinstance</c> test, where unittest has
/// a specific assertion: <c>assertTrue(a == b)</c> is <c>assertEqual(a, b)</c>, <c>assertTrue(a in b)</c> is
/// <c>assertIn(a, b)</c>, <c>assertTrue(a is None)</c> is <c>assertIsNone(a)</c>, and so on.
/// </summary>
/// <why>When <c>assertTrue(a == b)</c> fails it says <c>False is not true</c>; <c>assertEqual(a, b)</c> shows both values and a diff, which is what the reader of a failed run needs.</why>
/// <example><code>
/// self.assertTrue(len(servers) == 2)
/// self.assertFalse(server in evacuated)
/// </code></example>
/// <fix><code>
/// self.assertEqual(len(servers), 2)
/// self.assertNotIn(server, evacuated)
/// </code></fix>
/// <safety>The rewrite is mechanical; the optional message argument is kept.</safety>
public sealed class AssertTrueOnComparison : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY601", nameof(AssertTrueOnComparison), Category.Assertions, Severity.Warning, Languages.Python, "assertTrue or assertFalse on a comparison")
    {
        DocumentedBy = typeof(AssertTrueOnComparison),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            var method = UnittestCalls.SelfMethod(call);
            if (method is not ("assertTrue" or "assertFalse" or "assert_") || call.Arguments.Count == 0 || call.Arguments[0].Name is not null || call.Arguments[0].Stars != 0) continue;
            var positive = method != "assertFalse";
            var (better, arguments) = Better(file, call.Arguments[0].Value, positive);
            if (better is null) continue;
            var suggestion = UnittestCalls.Rewrite(file, call, better, arguments.Concat(UnittestCalls.RestOf(file, call, 1)), $"Use {better}.");
            file.Report(Rule, call, $"The call '{method}({Shorten(file.TextOf(call.Arguments[0].Value))})' hides the values on failure; use '{better}' instead.", suggestion);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static (string? Method, List<string> Arguments) Better(PythonFile file, Expression test, bool positive)
    {
        if (test is CallExpression { Function: NameExpression { Id: "isinstance" }, Arguments.Count: 2 } isinstance && isinstance.Arguments.All(a => a.Name is null && a.Stars == 0))
        {
            return (positive ? "assertIsInstance" : "assertNotIsInstance", isinstance.Arguments.Select(a => file.TextOf(a.Value)).ToList());
        }

        if (test is not CompareExpression { Operators.Count: 1 } compare) return (null, []);
        var left = compare.Left;
        var right = compare.Comparators[0];
        var op = compare.Operators[0];
        if (op is "is" or "is not" && left is ConstantExpression { Kind: ConstantKind.None } && right is not ConstantExpression { Kind: ConstantKind.None })
        {
            (left, right) = (right, left);
        }

        var isNone = right is ConstantExpression { Kind: ConstantKind.None };
        var method = (op, positive) switch
        {
            ("==", true) or ("!=", false) => "assertEqual",
            ("!=", true) or ("==", false) => "assertNotEqual",
            ("in", true) or ("not in", false) => "assertIn",
            ("not in", true) or ("in", false) => "assertNotIn",
            ("is", true) or ("is not", false) => isNone ? "assertIsNone" : "assertIs",
            ("is not", true) or ("is", false) => isNone ? "assertIsNotNone" : "assertIsNot",
            ("<", true) => "assertLess",
            ("<=", true) => "assertLessEqual",
            (">", true) => "assertGreater",
            (">=", true) => "assertGreaterEqual",
            _ => null,
        };
        if (method is null) return (null, []);
        var arguments = method is "assertIsNone" or "assertIsNotNone" ? new List<string> { file.TextOf(left) } : [file.TextOf(left), file.TextOf(right)];
        return (method, arguments);
    }
}
