using System.Text;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Reporting;

/// <summary>The terminal report: the summary, then one line per finding as compilers print them, then the notices.</summary>
public static class TextReport
{
    public static string Render(ReviewResult result)
    {
        var text = new StringBuilder(MarkdownSummary.Render(result, new MarkdownSummaryOptions { IncludeDetails = false }));
        if (result.Reported.Count > 0) text.Append('\n');
        foreach (var finding in result.Reported)
        {
            text.Append(Line(finding)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>path:line:col: severity [rule] message</c>, on one line whatever the path and message hold.</summary>
    public static string Line(Finding finding) =>
        $"{SafeText.Escape(finding.Path)}:{finding.StartLine}:{finding.StartColumn}: {finding.Severity.Id()} [{finding.RuleId}] {SafeText.Escape(finding.Message)}";
}
