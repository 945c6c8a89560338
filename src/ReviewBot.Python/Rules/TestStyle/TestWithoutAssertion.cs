using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.TestStyle;

/// <summary>
/// A test that asserts nothing: no <c>assert</c> statement, no <c>assert*</c>/<c>fail*</c> call, no
/// <c>assertRaises</c>/<c>pytest.raises</c> block, no call of a helper named like a check (<c>check</c>,
/// <c>verify</c>, <c>expect</c>, <c>validate</c>), of a helper defined in the file, of a method of the test itself, or
/// of anything the test passes itself to. Skipped and placeholder tests are not reported.
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
        DocumentedBy = typeof(TestWithoutAssertion),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly string[] NonChecking = ["add", "use", "stub", "flags", "patch", "mock", "start", "set", "create", "make", "get"];

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
                case CallExpression { Function: NameExpression } call when SyntaxFacts.CalleeName(call) is { } helper && helpers.Contains(helper):
                    Found = true;
                    return;
                case CallExpression { Function: AttributeExpression { Value: NameExpression { Id: "self" or "cls" } } } call
                    when SyntaxFacts.CalleeName(call) is { } method && !NonChecking.Any(p => method.StartsWith(p, StringComparison.Ordinal)):
                    // A method of the test itself (maybe inherited from a base class elsewhere) may assert.
                    Found = true;
                    return;
                case CallExpression call when call.Arguments.Any(a => a.Value is NameExpression { Id: "self" }):
                    // The test hands itself to a helper, which asserts through it.
                    Found = true;
                    return;
            }

            base.Visit(node);
        }
    }
}
