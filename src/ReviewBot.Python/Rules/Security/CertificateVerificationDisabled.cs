using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// An HTTP call with <c>verify=False</c> (<c>requests</c>, <c>httpx</c>; bandit B501). In test code it is a warning
/// (the test talks to its own server), and a test whose name, class or enclosing function names TLS verification
/// (<c>verify</c>, <c>tls</c>, <c>ssl</c>, <c>cert</c>, <c>https</c>, <c>insecure</c>) is not reported: it tests that option.
/// </summary>
/// <why>Without certificate verification anyone on the network path can impersonate the server and read or change the traffic.</why>
/// <example><code>
/// response = requests.get(url, verify=False)
/// </code></example>
/// <fix><code>
/// response = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")
/// </code></fix>
public sealed class CertificateVerificationDisabled : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY107", nameof(CertificateVerificationDisabled), Category.Security, Severity.Error, Languages.Python, "TLS certificate verification disabled")
    {
        DocumentedBy = typeof(CertificateVerificationDisabled),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> Methods =
        ["get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send", "Session", "Client", "AsyncClient"];

    // In a test file, a test (or its class, or a helper of it) named for TLS verification ('test_..._no_verify',
    // 'test_tls_settings') exercises verify=False on purpose, against a server of its own.
    private static bool TestsTheOption(FunctionInfo? function)
    {
        for (var current = function; current is not null; current = current.Parent)
        {
            if (NamesTheOption(current.Node.Name) || (current.Class is { } cls && NamesTheOption(cls.Node.Name))) return true;
        }

        return false;
    }

    private static bool NamesTheOption(string name) => OptionWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] OptionWords = ["verify", "tls", "ssl", "cert", "https", "insecure"];

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            if (!SyntaxFacts.IsFalse(call.Keyword("verify"))) continue;
            var name = file.QualifiedName(call.Function);
            var method = SyntaxFacts.CalleeName(call);
            var known = name is not null && (name.StartsWith("requests.", StringComparison.Ordinal) || name.StartsWith("httpx.", StringComparison.Ordinal));
            if (!known && (method is null || !Methods.Contains(method) || call.Function is not AttributeExpression)) continue;
            if (file.IsTestFile && TestsTheOption(info.Function)) continue;
            file.Report(Rule, call, $"The call to '{name ?? method}' turns off TLS certificate verification with verify=False; pass a CA bundle path instead.");
        }
    }
}
