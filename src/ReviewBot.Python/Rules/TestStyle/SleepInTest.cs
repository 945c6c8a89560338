using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.TestStyle;

/// <summary><c>time.sleep</c> in a test or its <c>setUp</c>.</summary>
/// <why>A fixed sleep makes the suite slow when the wait is long enough and flaky when it is not; either wait for the condition itself or control the clock.</why>
/// <example><code>
/// def test_evacuate(self):
///     self.api.evacuate(server)
///     time.sleep(5)
///     self.assertEqual("ACTIVE", self.api.get(server)["status"])
/// </code></example>
/// <fix><code>
/// def test_evacuate(self):
///     self.api.evacuate(server)
///     self._wait_for_state(server, "ACTIVE", timeout=30)
/// </code></fix>
public sealed class SleepInTest : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY902", nameof(SleepInTest), Category.TestStyle, Severity.Warning, Languages.Python, "time.sleep in a test")
    {
        DocumentedBy = typeof(SleepInTest),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            if (info.Function is not { } function || !(function.IsTest || function.Node.Name is "setUp" && function.Class is { IsTestClass: true })) continue;
            if (file.QualifiedName(info.Node.Function) != "time.sleep") continue;
            var seconds = info.Node.Arguments.Count > 0 && info.Node.Arguments[0].Value is ConstantExpression { Kind: ConstantKind.Number } number
                ? $" for {number.Text} second{(number.Text == "1" ? "" : "s")}" : "";
            file.Report(Rule, info.Node,
                $"The test '{function.Node.Name}' sleeps{seconds}; wait for the condition with a timeout, or mock the clock, instead.");
        }
    }
}
