using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// Deserialization with <c>pickle</c>, <c>marshal</c> or <c>shelve</c> (bandit B301, B302). A round trip of the
/// program's own object (<c>pickle.loads(pickle.dumps(obj))</c>) is not reported: its bytes never crossed a trust boundary.
/// </summary>
/// <why>Unpickling runs code chosen by whoever wrote the bytes; loading data that crossed a trust boundary (a file, a socket, a cache) hands them the process.</why>
/// <example><code>
/// with open(path, "rb") as handle:
///     state = pickle.load(handle)
/// </code></example>
/// <fix><code>
/// with open(path, encoding="utf-8") as handle:
///     state = json.load(handle)
/// </code></fix>
public sealed class UnsafeDeserialization : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY103", nameof(UnsafeDeserialization), Category.Security, Severity.Warning, Languages.Python, "Unsafe deserialization")
    {
        DocumentedBy = typeof(UnsafeDeserialization),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> Loaders =
    [
        "pickle.load", "pickle.loads", "pickle.Unpickler", "cPickle.load", "cPickle.loads", "_pickle.load", "_pickle.loads",
        "marshal.load", "marshal.loads", "shelve.open", "dill.load", "dill.loads", "jsonpickle.decode",
    ];

    // pickle.loads(pickle.dumps(obj)): the bytes come from the program's own object a moment earlier (a copy or a
    // round-trip test), never from outside.
    private static readonly HashSet<string> Dumpers =
        ["pickle.dumps", "cPickle.dumps", "_pickle.dumps", "marshal.dumps", "dill.dumps", "jsonpickle.encode"];

    public override void Analyze(PythonFile file)
    {
        foreach (var call in file.Index.Calls)
        {
            var name = file.QualifiedName(call.Node.Function);
            if (name is null || !Loaders.Contains(name)) continue;
            if (call.Node.Positional.FirstOrDefault() is CallExpression inner && file.QualifiedName(inner.Function) is { } dumper && Dumpers.Contains(dumper)) continue;
            file.Report(Rule, call.Node, $"The call to '{name}' can run arbitrary code hidden in the data; load untrusted data with a data-only format such as json.");
        }
    }
}
