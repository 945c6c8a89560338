using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using System.Text.RegularExpressions;
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
public sealed partial class SqlBuiltFromString : PythonRule
{
    public static RuleDescriptor Rule { get; } = new("RBPY110", nameof(SqlBuiltFromString), Category.Security, Severity.Error, Languages.Python, "SQL built by string formatting")
    {
        DocumentedBy = typeof(SqlBuiltFromString),
        TestCodeSeverity = Severity.Warning,
    };

    public override RuleDescriptor Descriptor => Rule;

    // Source-generated (no construction at start-up) and linear: the backtracking-prone 'select .+ from' and
    // 'update .+ set' are decided by positions in LooksLikeSql instead.
    [GeneratedRegex(@"\b(insert\s+into|delete\s+from|drop\s+table|create\s+table|where\s)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlStatement();

    [GeneratedRegex(@"\b(select|update)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlVerb();

    [GeneratedRegex(@"\s(from|set)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlClause();

    // As '\b(select\s.+\sfrom|insert\s+into|update\s.+\sset|delete\s+from|drop\s+table|create\s+table|where\s)\b' with
    // '.' matching newlines: a verb matches with its clause when the first verb ends at least one character before the
    // last clause starts.
    internal static bool LooksLikeSql(string text)
    {
        if (SqlStatement().IsMatch(text)) return true;
        int selectEnd = -1, updateEnd = -1, lastFrom = -1, lastSet = -1;
        foreach (var verb in SqlVerb().EnumerateMatches(text))
        {
            ref var end = ref char.ToLowerInvariant(text[verb.Index]) == 's' ? ref selectEnd : ref updateEnd;
            if (end < 0) end = verb.Index + verb.Length;
        }

        if (selectEnd < 0 && updateEnd < 0) return false;
        foreach (var clause in SqlClause().EnumerateMatches(text))
        {
            if (char.ToLowerInvariant(text[clause.Index + 1]) == 'f') lastFrom = clause.Index;
            else lastSet = clause.Index;
        }

        return (selectEnd >= 0 && lastFrom > selectEnd) || (updateEnd >= 0 && lastSet > updateEnd);
    }

    public override void Analyze(PythonFile file)
    {
        foreach (var info in file.Index.Calls)
        {
            var call = info.Node;
            if (SyntaxFacts.CalleeName(call) is not ("execute" or "executemany" or "executescript" or "raw") || call.Function is not AttributeExpression) continue;
            if (call.Arguments.Count == 0 || call.Arguments[0].Name is not null) continue;
            var query = call.Arguments[0].Value;
            if (!SyntaxFacts.IsBuiltString(query) || !LooksLikeSql(LiteralText(query))) continue;
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
