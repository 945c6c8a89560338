using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using System.Text.RegularExpressions;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// The <c>random</c> module used to make a token, password, key, salt or nonce: its result assigned to such a name or
/// returned from a function named so (bandit B311, narrowed to secrets).
/// </summary>
/// <why><c>random</c> is a Mersenne Twister: after 624 outputs an observer predicts every later one, including the next reset token.</why>
/// <example><code>
/// token = "".join(random.choice(ALPHABET) for _ in range(32))
/// </code></example>
/// <fix><code>
/// token = secrets.token_urlsafe(32)
/// </code></fix>
public sealed partial class InsecureRandomSecret : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY111", nameof(InsecureRandomSecret), Category.Security, Severity.Error, Languages.Python, "random used for a secret")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(InsecureRandomSecret)),
    };

    public override RuleDescriptor Descriptor => Rule;

    // Source-generated: no regex construction at start-up.
    [GeneratedRegex("(token|password|passwd|secret|salt|nonce|otp|api_?key|session_?key|csrf)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    public override void Analyze(PythonFile file)
    {
        foreach (var (statement, _, _) in file.Index.Assignments)
        {
            if (statement is not AssignStatement assign) continue;
            var name = assign.Targets.Select(t => t switch { NameExpression n => n.Id, AttributeExpression a => a.Name, _ => null }).FirstOrDefault(n => n is not null);
            if (name is null || !SecretName().IsMatch(name) || FindRandomCall(file, assign.Value) is not { } random) continue;
            file.Report(Rule, random, $"The secret '{name}' is made with '{file.QualifiedName(random.Function)}', which is predictable; use the secrets module.");
        }

        foreach (var function in file.Index.Functions)
        {
            if (!SecretName().IsMatch(function.Node.Name)) continue;
            foreach (var statement in function.Node.Body)
            {
                if (statement is ReturnStatement { Value: { } value } && FindRandomCall(file, value) is { } random)
                {
                    file.Report(Rule, random, $"The function '{function.Node.Name}' returns a value made with '{file.QualifiedName(random.Function)}', which is predictable; use the secrets module.");
                }
            }
        }
    }

    private static CallExpression? FindRandomCall(PythonFile file, Expression expression)
    {
        var finder = new Finder(file);
        finder.Visit(expression);
        return finder.Found;
    }

    private sealed class Finder(PythonFile file) : SyntaxWalker
    {
        public CallExpression? Found { get; private set; }

        public override void Visit(Node node)
        {
            if (Found is not null) return;
            if (node is CallExpression call && file.QualifiedName(call.Function) is { } name && name.StartsWith("random.", StringComparison.Ordinal)
                && name != "random.SystemRandom" && !name.StartsWith("random.SystemRandom", StringComparison.Ordinal))
            {
                Found = call;
                return;
            }

            base.Visit(node);
        }
    }
}
