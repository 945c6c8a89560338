using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Complexity;

/// <summary>A test that makes more assertions than the configured limit (<setting>thresholds.test_assertions</setting>): <c>assert</c> statements and <c>assert*</c> calls.</summary>
/// <why>A test with many assertions checks many behaviours; when it fails, its name no longer says which one broke, and the assertions after the first failure never run.</why>
/// <example><code>
/// def test_evacuate(self):
///     self.assertEqual(...)
///     # ... twelve assertions on status, host, ports, volumes
/// </code></example>
/// <fix><code>
/// def test_evacuate_moves_server_to_new_host(self): ...
/// def test_evacuate_keeps_volumes_attached(self): ...
/// </code></fix>
public sealed class TooManyAssertions : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY503", nameof(TooManyAssertions), Category.Complexity, Severity.Note, Languages.Python, "Test with too many assertions")
    {
        DocumentedBy = typeof(TooManyAssertions),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        var limit = file.Thresholds.MaxTestAssertions;
        foreach (var function in file.Index.Functions)
        {
            if (!function.IsTest) continue;
            var counter = new AssertionCounter();
            foreach (var statement in function.Node.Body) counter.Visit(statement);
            if (counter.Count <= limit) continue;
            var name = function.Node.Name;
            file.Report(Rule, function.Node.Line, function.Node.NameColumn, function.Node.Line, function.Node.NameColumn + name.Length,
                $"The test '{name}' makes {counter.Count} assertions, above the limit of {limit}; split it into tests that each check one behaviour.");
        }
    }

    /// <summary>Counts <c>assert</c> statements and <c>assert*</c> calls, not looking into nested functions.</summary>
    public sealed class AssertionCounter : SyntaxWalker
    {
        public int Count { get; private set; }

        public override void Visit(Node node)
        {
            switch (node)
            {
                case FunctionDefinition or ClassDefinition:
                    return;
                case AssertStatement:
                    Count++;
                    break;
                case CallExpression call when SyntaxFacts.CalleeName(call) is { } name && (name.StartsWith("assert", StringComparison.Ordinal) || name.StartsWith("fail", StringComparison.Ordinal) && name != "fail"):
                    Count++;
                    break;
            }

            base.Visit(node);
        }
    }
}
