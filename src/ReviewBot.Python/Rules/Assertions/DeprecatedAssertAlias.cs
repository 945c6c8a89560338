using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Assertions;

/// <summary>A deprecated unittest alias: <c>assertEquals</c>, <c>assertNotEquals</c>, <c>assert_</c>, <c>failUnless</c>, <c>failIf</c>, <c>assertRegexpMatches</c>, <c>assertItemsEqual</c> and the rest.</summary>
/// <why>The aliases have been deprecated since Python 3.2 and were removed in Python 3.12 (<c>assertItemsEqual</c> is Python 2's): the test suite stops running on current Python.</why>
/// <example><code>
/// self.assertEquals(expected, actual)
/// </code></example>
/// <fix><code>
/// self.assertEqual(expected, actual)
/// </code></fix>
/// <safety>The replacement is the same method under its current name.</safety>
public sealed class DeprecatedAssertAlias : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY602", nameof(DeprecatedAssertAlias), Category.Assertions, Severity.Warning, Languages.Python, "Deprecated unittest assertion alias")
    {
        DocumentedBy = typeof(DeprecatedAssertAlias),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["assertEquals"] = "assertEqual",
        ["failUnlessEqual"] = "assertEqual",
        ["assertNotEquals"] = "assertNotEqual",
        ["failIfEqual"] = "assertNotEqual",
        ["assert_"] = "assertTrue",
        ["failUnless"] = "assertTrue",
        ["failIf"] = "assertFalse",
        ["failUnlessRaises"] = "assertRaises",
        ["assertAlmostEquals"] = "assertAlmostEqual",
        ["failUnlessAlmostEqual"] = "assertAlmostEqual",
        ["assertNotAlmostEquals"] = "assertNotAlmostEqual",
        ["failIfAlmostEqual"] = "assertNotAlmostEqual",
        ["assertRegexpMatches"] = "assertRegex",
        ["assertNotRegexpMatches"] = "assertNotRegex",
        ["assertRaisesRegexp"] = "assertRaisesRegex",
        ["assertItemsEqual"] = "assertCountEqual",
    };

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            if (UnittestCalls.SelfMethod(call) is not { } method || !Aliases.TryGetValue(method, out var current)) continue;
            var attribute = (AttributeExpression)call.Function;
            Suggestion? suggestion = null;
            var line = file.Lines.GetLine(attribute.EndLine);
            var nameStart = attribute.EndColumn - 1 - method.Length;
            if (attribute.Line == attribute.EndLine && nameStart >= 0 && string.CompareOrdinal(line, nameStart, method, 0, method.Length) == 0)
            {
                suggestion = new Suggestion(attribute.EndLine, attribute.EndLine, line[..nameStart] + current + line[(nameStart + method.Length)..], $"Use {current}.");
            }

            var why = method == "assertItemsEqual" ? "is the Python 2 name, which Python 3 does not have" : "is a deprecated alias that Python 3.12 removed";
            file.Report(Rule, call, $"The assertion '{method}' {why}; use '{current}'.", suggestion);
        }
    }
}
