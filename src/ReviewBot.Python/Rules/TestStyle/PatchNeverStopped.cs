using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.TestStyle;

/// <summary>
/// A <c>mock.patch(...)</c> patcher started with <c>.start()</c> and never stopped: no <c>.stop()</c> of it, no
/// <c>self.addCleanup(patcher.stop)</c>, and no <c>mock.patch.stopall</c> in the file.
/// </summary>
/// <why>A patch that is never stopped stays in place for the tests that run after, which then pass or fail depending on the order they run in.</why>
/// <example><code>
/// def setUp(self):
///     mock.patch("nova.compute.api.API.evacuate").start()
/// </code></example>
/// <fix><code>
/// def setUp(self):
///     patcher = mock.patch("nova.compute.api.API.evacuate")
///     self.mock_evacuate = patcher.start()
///     self.addCleanup(patcher.stop)
/// </code></fix>
public sealed class PatchNeverStopped : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY903", nameof(PatchNeverStopped), Category.TestStyle, Severity.Warning, Languages.Python, "mock.patch started without a stop")
    {
        DocumentedBy = typeof(PatchNeverStopped),
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        if (file.Text.Contains("stopall", StringComparison.Ordinal)) return;
        foreach (var info in file.Index.Calls)
        {
            if (info.Node is not { Function: AttributeExpression { Name: "start", Value: var patcher }, Arguments.Count: 0 }) continue;
            if (patcher is CallExpression direct && IsPatch(file, direct))
            {
                file.Report(Rule, info.Node, "The patch is started but can never be stopped; keep the patcher and call self.addCleanup(patcher.stop).");
                continue;
            }

            if (SyntaxFacts.DottedName(patcher) is not { } name || !IsAssignedPatch(file, name)) continue;
            if (file.Text.Contains(name + ".stop", StringComparison.Ordinal)) continue;
            file.Report(Rule, info.Node, $"The patch '{name}' is started but never stopped; call self.addCleanup({name}.stop) right after starting it.");
        }
    }

    private static bool IsPatch(PythonFile file, CallExpression call) =>
        file.QualifiedName(call.Function) is { } name && (name.EndsWith(".patch", StringComparison.Ordinal) || name.Contains(".patch.", StringComparison.Ordinal) || name is "patch");

    private static bool IsAssignedPatch(PythonFile file, string name) => file.Index.Assignments.Any(a =>
        a.Statement is AssignStatement { Value: CallExpression value } assign && IsPatch(file, value) && assign.Targets.Any(t => SyntaxFacts.DottedName(t) == name));
}
