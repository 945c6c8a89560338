using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>An HTTP call with <c>verify=False</c> (<c>requests</c>, <c>httpx</c>; bandit B501).</summary>
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
        Doc = RuleDoc.FromXmlDocumentation(typeof(CertificateVerificationDisabled)),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly HashSet<string> Methods =
        ["get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send", "Session", "Client", "AsyncClient"];

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
            file.Report(Rule, call, $"The call to '{name ?? method}' turns off TLS certificate verification with verify=False; pass a CA bundle path instead.");
        }
    }
}
