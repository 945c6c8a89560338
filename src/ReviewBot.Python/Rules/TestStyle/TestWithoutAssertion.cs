using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.TestStyle;

/// <summary>
/// A test that asserts nothing: no <c>assert</c> statement, no <c>assert*</c>/<c>fail*</c> call, no
/// <c>assertRaises</c>/<c>pytest.raises</c> block, and no call of a helper named like a check (<c>check</c>,
/// <c>verify</c>, <c>expect</c>, <c>validate</c>, <c>_test</c>). Skipped and placeholder tests are not reported.
/// </summary>
/// <why>A test without an assertion passes whenever the code does not raise; it reports success for behaviour it never checked.</why>
/// <example><code>
/// def test_evacuate(self):
///     self.api.evacuate(self.server)
/// </code></example>
/// <fix><code>
/// def test_evacuate(self):
///     self.api.evacuate(self.server)
///     self.assertEqual(self.dest_host, self.api.get(self.server)["host"])
/// </code></fix>
public sealed class TestWithoutAssertion : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY904", nameof(TestWithoutAssertion), Category.TestStyle, Severity.Warning, Languages.Python, "Test without an assertion")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(TestWithoutAssertion)),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly string[] CheckWords = ["assert", "fail", "check", "verify", "expect", "validate", "raises", "_test", "compare", "ensure", "skip", "xfail", "wait_for", "must"];

    public override void Analyze(PythonFile file)
    {
        foreach (var function in file.Index.Functions)
        {
            if (!function.IsTest || IsPlaceholder(function.Node) || function.Node.Decorators.Count > 0) continue;
            var finder = new CheckFinder(LocalHelpers(file));
            foreach (var statement in function.Node.Body) finder.Visit(statement);
            if (finder.Found) continue;
            var name = function.Node.Name;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The test '{name}' makes no assertion, so it passes whenever the code does not raise; assert the outcome it is meant to check.");
        }
    }

    private static bool IsPlaceholder(FunctionDefinition function) =>
        function.Body.All(s => s is KeywordStatement { Keyword: "pass" } or ExpressionStatement { Value: StringExpression or ConstantExpression { Kind: ConstantKind.Ellipsis } } or RaiseStatement);

    // Functions and methods defined in this file: a test that calls one may assert inside it.
    private static HashSet<string> LocalHelpers(PythonFile file) =>
        file.Index.Functions.Where(f => !f.IsTest).Select(f => f.Node.Name).ToHashSet(StringComparer.Ordinal);

    private sealed class CheckFinder(HashSet<string> helpers) : SyntaxWalker
    {
        public bool Found { get; private set; }

        public override void Visit(Node node)
        {
            if (Found) return;
            switch (node)
            {
                case AssertStatement or RaiseStatement:
                    Found = true;
                    return;
                case CallExpression call when SyntaxFacts.CalleeName(call) is { } name && CheckWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)):
                    Found = true;
                    return;
                case CallExpression { Function: NameExpression or AttributeExpression { Value: NameExpression { Id: "self" or "cls" } } } call
                    when SyntaxFacts.CalleeName(call) is { } helper && (helpers.Contains(helper) || helper.StartsWith('_')):
                    Found = true;
                    return;
            }

            base.Visit(node);
        }
    }
}
