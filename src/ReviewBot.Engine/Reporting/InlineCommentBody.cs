using System.Text;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Reporting;

/// <summary>
/// The body of an inline review comment: the rule id linked to its doc and the severity, the message, a suggestion
/// block when the fix is mechanical, and the fingerprint marker. Only the message is cut to fit GitHub's limit, so the
/// link, the suggestion and the marker always survive.
/// </summary>
public static class InlineCommentBody
{
    /// <param name="finding">What the comment is about.</param>
    /// <param name="suggestion">The fix to offer (the finding's, when the diff shows every line it replaces); null for none.</param>
    /// <param name="ruleDocsUrl">Where the rule docs are: a rule id links to this URL followed by <c>ID.md</c>.</param>
    public static string Render(Finding finding, Suggestion? suggestion, Uri ruleDocsUrl)
    {
        var head = new StringBuilder();
        head.Append("**[").Append(finding.RuleId).Append("](").Append(new Uri(ruleDocsUrl, finding.RuleId + ".md")).Append(")** · ")
            .Append(finding.Severity.Id()).Append("\n\n");
        var tail = new StringBuilder();
        if (suggestion is not null)
        {
            // A replacement that holds a fence of its own gets a longer one, so that it cannot close the block early.
            var fence = suggestion.Replacement.Contains("```", StringComparison.Ordinal) ? "````" : "```";
            tail.Append("\n\n").Append(fence).Append("suggestion\n").Append(suggestion.Replacement.TrimEnd('\n'));
            if (suggestion.Replacement.Length > 0) tail.Append('\n');
            tail.Append(fence);
            if (!string.IsNullOrWhiteSpace(suggestion.Description)) tail.Append('\n').Append(suggestion.Description);
        }

        tail.Append("\n\n").Append(FingerprintMarker.For(finding.Fingerprint));
        var room = GitHubLimits.MaxCommentLength - head.Length - tail.Length;
        return head.Append(GitHubLimits.Cut(finding.Message, room)).Append(tail).ToString();
    }
}
