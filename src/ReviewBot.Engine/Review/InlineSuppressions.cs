using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Review;

/// <summary>
/// The language-neutral suppression comments: <c>reviewbot-disable-line RULE[,RULE]</c> on the flagged line and
/// <c>reviewbot-disable-next-line RULE[,RULE]</c> on the line above it. Without rule ids they silence every rule there.
/// </summary>
public static class InlineSuppressions
{
    private const string ThisLine = "reviewbot-disable-line";
    private const string NextLine = "reviewbot-disable-next-line";

    public static bool IsSuppressed(Finding finding, LineIndex lines) =>
        Names(lines.GetLine(finding.StartLine), ThisLine, finding.RuleId)
        || Names(lines.GetLine(finding.StartLine - 1), NextLine, finding.RuleId);

    private static bool Names(string line, string directive, string ruleId)
    {
        var at = line.IndexOf(directive, StringComparison.Ordinal);
        if (at < 0) return false;
        var rest = line[(at + directive.Length)..];
        // "reviewbot-disable-line" must not match the start of "reviewbot-disable-line-foo".
        if (rest.Length > 0 && (char.IsLetterOrDigit(rest[0]) || rest[0] == '-')) return false;
        var ids = rest.Split([' ', ',', '\t', '*', '/', '#', '-'], StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(token => token.StartsWith("RB", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return ids.Count == 0 || ids.Contains(ruleId, StringComparer.OrdinalIgnoreCase);
    }
}
