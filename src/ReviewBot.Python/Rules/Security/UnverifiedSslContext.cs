using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>A use of <c>ssl._create_unverified_context</c> (bandit B323).</summary>
/// <why>The unverified context accepts any certificate for any host, so TLS no longer authenticates the peer.</why>
/// <example><code>
/// context = ssl._create_unverified_context()
/// </code></example>
/// <fix><code>
/// context = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
/// </code></fix>
public sealed class UnverifiedSslContext : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY108", nameof(UnverifiedSslContext), Category.Security, Severity.Error, Languages.Python, "Unverified SSL context")
    {
        DocumentedBy = typeof(UnverifiedSslContext),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonFile file) => new Finder(file).Visit(file.Module);

    private sealed class Finder(PythonFile file) : SyntaxWalker
    {
        public override void Visit(Node node)
        {
            if (node is AttributeExpression { Name: "_create_unverified_context" } attribute && file.QualifiedName(attribute) == "ssl._create_unverified_context")
            {
                file.Report(Rule, attribute, "The 'ssl._create_unverified_context' context accepts any certificate; use ssl.create_default_context().");
                return;
            }

            base.Visit(node);
        }
    }
}
