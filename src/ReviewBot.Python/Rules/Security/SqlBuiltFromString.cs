using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python.Rules.Security;

/// <summary>SQL built with <c>%</c>, <c>.format()</c>, an f-string or <c>+</c> and passed to <c>execute</c>/<c>executemany</c> (bandit B608).</summary>
/// <why>Values spliced into SQL text can close the string and add their own SQL; the driver's parameters keep data and code apart.</why>
/// <example><code>
/// cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
/// </code></example>
/// <fix><code>
/// cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
/// </code></fix>
public sealed class SqlBuiltFromString : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY110", nameof(SqlBuiltFromString), Category.Security, Severity.Error, Languages.Python, "SQL built by string formatting")
    {
        Doc = RuleDoc.FromXmlDocumentation(typeof(SqlBuiltFromString)),
    };

    public override RuleDescriptor Descriptor => Rule;

    private static readonly System.Text.RegularExpressions.Regex Sql = new(
        @"\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from|drop\s+table|create\s+table|where\s)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline
        | System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            if (SyntaxFacts.CalleeName(call) is not ("execute" or "executemany" or "executescript" or "raw") || call.Function is not AttributeExpression) continue;
            if (call.Arguments.Count == 0 || call.Arguments[0].Name is not null) continue;
            var query = call.Arguments[0].Value;
            if (!SyntaxFacts.IsBuiltString(query) || !Sql.IsMatch(LiteralText(query))) continue;
            file.Report(Rule, call, "The SQL passed to 'execute' is built by string formatting; pass the values as query parameters instead.");
        }
    }

    private static string LiteralText(Expression expression) => expression switch
    {
        StringExpression text => text.Value,
        BinaryExpression binary => LiteralText(binary.Left) + " " + LiteralText(binary.Right),
        CallExpression { Function: AttributeExpression { Value: StringExpression text } } => text.Value,
        _ => "",
    };
}
