using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>A call of <c>tempfile.mktemp</c> (bandit B306).</summary>
/// <why><c>mktemp</c> returns a name without creating the file; another process can create it first (a race that lets it read or replace the data).</why>
/// <example><code>
/// path = tempfile.mktemp(suffix=".json")
/// </code></example>
/// <fix><code>
/// handle, path = tempfile.mkstemp(suffix=".json")
/// </code></fix>
public sealed class InsecureTempFile : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY109", nameof(InsecureTempFile), Category.Security, Severity.Warning, Languages.Python, "Insecure temporary file name")
    {
        DocumentedBy = typeof(InsecureTempFile),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file)
    {
        foreach (var call in file.Index.Calls)
        {
            if (file.QualifiedName(call.Node.Function) != "tempfile.mktemp") continue;
            file.Report(Rule, call.Node, "The call to 'tempfile.mktemp' returns a name another process can claim first; use tempfile.mkstemp or NamedTemporaryFile.");
        }
    }
}
