using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.TestStyle;

/// <summary>
/// A resource acquired in <c>setUp</c> (<c>self.server = start_server()</c>) and released in <c>tearDown</c>
/// (<c>self.server.stop()</c>). Register the release with <c>self.addCleanup(...)</c> right after acquiring, or, in
/// testtools/oslotest code, wrap the resource in a fixture and use <c>self.useFixture(...)</c>.
/// </summary>
/// <why>
/// <c>tearDown</c> does not run when <c>setUp</c> fails half-way, so whatever was acquired before the failure leaks; and
/// one failing release in <c>tearDown</c> skips the ones after it. Cleanups run even then, in reverse order.
/// </why>
/// <example><code>
/// def setUp(self):
///     self.server = start_server()
///
/// def tearDown(self):
///     self.server.stop()
/// </code></example>
/// <fix><code>
/// def setUp(self):
///     self.server = start_server()
///     self.addCleanup(self.server.stop)
/// </code></fix>
public sealed class ReleasedInTearDown : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY901", nameof(ReleasedInTearDown), Category.TestStyle, Severity.Note, Languages.Python, "Resource released in tearDown instead of a cleanup")
    {
        DocumentedBy = typeof(ReleasedInTearDown),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> ReleaseMethods =
        ["close", "stop", "cleanup", "cleanUp", "shutdown", "terminate", "kill", "disconnect", "unlink", "destroy", "delete", "join", "release", "unpatch", "__exit__"];

    private static readonly HashSet<string> ReleaseFunctions = ["shutil.rmtree", "os.remove", "os.unlink", "os.rmdir", "os.removedirs"];

    public override void Analyze(PythonFile file)
    {
        var fixtures = file.Imports.Values.Any(v => v.StartsWith("testtools", StringComparison.Ordinal) || v.StartsWith("oslotest", StringComparison.Ordinal) || v.StartsWith("fixtures", StringComparison.Ordinal));
        foreach (var cls in file.Index.Classes)
        {
            var setUp = cls.Node.Body.OfType<FunctionDefinition>().FirstOrDefault(f => f.Name == "setUp");
            var tearDown = cls.Node.Body.OfType<FunctionDefinition>().FirstOrDefault(f => f.Name == "tearDown");
            if (setUp is null || tearDown is null) continue;
            var released = Released(file, tearDown);
            foreach (var statement in setUp.Body)
            {
                if (statement is not AssignStatement { Value: CallExpression } assign) continue;
                foreach (var target in assign.Targets)
                {
                    if (SyntaxFacts.DottedName(target) is not { } name || !name.StartsWith("self.", StringComparison.Ordinal) || !released.TryGetValue(name, out var cleanup)) continue;
                    var alternative = fixtures ? ", or wrap it in a fixture and use self.useFixture(...)" : "";
                    file.Report(Rule, statement,
                        $"The resource '{name}' is acquired in setUp and released in tearDown; call self.addCleanup({cleanup}) right after acquiring it{alternative}.");
                }
            }
        }
    }

    // 'self.server' -> 'self.server.stop' for each release in tearDown.
    private static Dictionary<string, string> Released(PythonFile file, FunctionDefinition tearDown)
    {
        var released = new Dictionary<string, string>(StringComparer.Ordinal);
        var collector = new Calls();
        foreach (var statement in tearDown.Body) collector.Visit(statement);
        foreach (var call in collector.Found)
        {
            if (call.Function is AttributeExpression { Name: var method, Value: var receiver } && ReleaseMethods.Contains(method) && SyntaxFacts.DottedName(receiver) is { } owner)
            {
                released.TryAdd(owner, owner + "." + method);
            }
            else if (file.QualifiedName(call.Function) is { } function && ReleaseFunctions.Contains(function) && call.Arguments.Count == 1
                && SyntaxFacts.DottedName(call.Arguments[0].Value) is { } path)
            {
                released.TryAdd(path, file.TextOf(call.Function) + ", " + path);
            }
        }

        return released;
    }

    private sealed class Calls : SyntaxWalker
    {
        public List<CallExpression> Found { get; } = [];

        public override void Visit(Node node)
        {
            if (node is CallExpression call) Found.Add(call);
            base.Visit(node);
        }
    }
}
