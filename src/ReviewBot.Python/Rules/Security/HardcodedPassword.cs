using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using System.Text.RegularExpressions;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>
/// A string literal assigned to a name, or passed as an argument named, like a password, secret or token (bandit
/// B105, B106). Test files, empty strings and strings that look like prompts or placeholders are not reported.
/// </summary>
/// <why>A credential in source code is in every clone, every fork and the history forever; rotating it means a code change.</why>
/// <example><code>
/// DB_PASSWORD = "hunter2"
/// client = Client(api_token="f3a9c2d1e5")
/// </code></example>
/// <fix><code>
/// DB_PASSWORD = os.environ["DB_PASSWORD"]
/// client = Client(api_token=os.environ["API_TOKEN"])
/// </code></fix>
public sealed partial class HardcodedPassword : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY106", nameof(HardcodedPassword), Category.Security, Severity.Error, Languages.Python, "Hard-coded password or secret")
    {
        DocumentedBy = typeof(HardcodedPassword),
    };

    public override RuleDescriptor Descriptor => Rule;

    // Source-generated (no construction at start-up); linear on identifiers: one anchored alternation of literals.
    [GeneratedRegex(@"(^|_)(password|passwd|passwort|pwd|secret|token|api_?key|secret_?key|access_?key|private_?key|auth_?token)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    public override void Analyze(PythonFile file)
    {
        if (file.IsTestFile) return;
        foreach (var (statement, _, _) in file.Index.Assignments)
        {
            var (targets, value) = statement switch
            {
                AssignStatement a => (a.Targets, a.Value),
                AnnotatedAssignStatement { Value: { } v } an => ((IReadOnlyList<Expression>)[an.Target], v),
                _ => ((IReadOnlyList<Expression>)[], (Expression?)null),
            };
            foreach (var target in targets)
            {
                var name = target switch { NameExpression n => n.Id, AttributeExpression a => a.Name, _ => null };
                if (name is not null && SecretName().IsMatch(name) && LooksLikeSecret(value, name))
                {
                    file.Report(Rule, statement, $"The secret '{name}' is assigned a literal; read it from the environment or a secret store instead.");
                }
            }
        }

        foreach (var call in file.Index.Calls)
        {
            foreach (var argument in call.Node.Arguments)
            {
                if (argument.Name is { } name && SecretName().IsMatch(name) && LooksLikeSecret(argument.Value, name))
                {
                    file.Report(Rule, argument, $"The argument '{name}' is passed a literal secret; read it from the environment or a secret store instead.");
                }
            }
        }
    }

    private static bool LooksLikeSecret(Expression? value, string name)
    {
        if (value is not StringExpression { Interpolations.Count: 0, IsBytes: false } text) return false;
        var secret = text.Value;
        if (secret.Length < 4 || secret.Any(char.IsWhiteSpace)) return false;
        if (secret.Equals(name, StringComparison.OrdinalIgnoreCase) || name.EndsWith(secret, StringComparison.OrdinalIgnoreCase)) return false;
        if (secret.Contains("{", StringComparison.Ordinal) || secret.Contains('%') || secret.Contains("://", StringComparison.Ordinal)) return false;
        if (secret.Trim('*', 'x', 'X', '.', '-', '<', '>', '_').Length == 0) return false;
        if (secret.All(c => char.IsAsciiLetterUpper(c) || c == '_')) return false;
        return true;
    }
}
