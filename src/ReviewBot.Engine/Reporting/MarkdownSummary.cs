using System.Text;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;

namespace ReviewBot.Engine.Reporting;

/// <summary>Options of the summary that only some publishers need.</summary>
public sealed record MarkdownSummaryOptions
{
    /// <summary>Findings that could not be posted inline (over the comment limit, or refused by GitHub); listed by themselves.</summary>
    public IReadOnlyList<Finding> NotPostedInline { get; init; } = [];

    /// <summary>Turns a finding into a link target (a blob URL on GitHub); null prints <c>path#Lnn</c> as code.</summary>
    public Func<Finding, string>? LinkFor { get; init; }

    /// <summary>The longest body to produce; the list of findings is cut to fit. GitHub refuses comments over 65,536 characters.</summary>
    public int MaxLength { get; init; } = 60_000;

    /// <summary>Whether to add the collapsed list of every finding and the hidden marker (false for the terminal).</summary>
    public bool IncludeDetails { get; init; } = true;
}

/// <summary>
/// The summary in the form of the sample review: the security verdict first; then, when other findings exist,
/// one numbered entry per category with what was found, why it matters and a concrete example with file and line;
/// then a closing sentence. Below it, notices, a collapsed list of every finding, and the hidden marker the GitHub
/// publisher finds the comment by.
/// </summary>
public static class MarkdownSummary
{
    /// <summary>The hidden marker that identifies the summary comment on a pull request.</summary>
    public const string Marker = "<!-- reviewbot:summary -->";

    public const string NoSecurityDefects = "No security defects are detected in the code.";
    public const string SuggestionsFollow = "However, some potential issues and suggestions for improvement were found:";
    public const string ClosingWithoutSecurity = "These are just suggestions for improvement and do not affect the security of the code.";
    public const string ClosingWithSecurity = "Fix the security defects before merging; the other items are suggestions for improvement.";
    public const string ClosingWithSecurityWarnings = "Check the security findings above before merging; the other items are suggestions for improvement.";

    public static string Render(ReviewResult result, MarkdownSummaryOptions? options = null)
    {
        options ??= new MarkdownSummaryOptions();
        var findings = result.Reported;
        var security = findings.Where(f => f.Category == Category.Security).ToList();
        var others = findings.Where(f => f.Category != Category.Security).ToList();
        var body = new StringBuilder();

        if (security.Count == 0)
        {
            body.Append(NoSecurityDefects).Append('\n');
        }
        else
        {
            body.Append(SecurityVerdict(security)).Append("\n\n");
            for (var i = 0; i < security.Count; i++)
            {
                var finding = security[i];
                body.Append(i + 1).Append(". ").Append(Sentence(finding.Message)).Append(' ').Append(finding.InTestCode ? WhereInTests(finding) : Where(finding)).Append('\n');
            }
        }

        if (others.Count > 0)
        {
            body.Append('\n').Append(SuggestionsFollow).Append("\n\n");
            var number = 0;
            foreach (var group in others.GroupBy(f => f.Category).OrderBy(g => g.Key))
            {
                var list = group.ToList();
                var languages = list.Select(f => result.Catalog.Find(f.RuleId)?.Language ?? "").Distinct().ToList();
                var example = list.OrderByDescending(f => f.Severity).ThenBy(f => f, Finding.StableOrder).First();
                body.Append(++number).Append(". ").Append(group.Key.Title(languages)).Append(":\n");
                body.Append(CategoryPhrases.Describe(group.Key, list.Count, languages, result.Config.Thresholds));
                body.Append(" For example, ").Append(LowerFirst(Clause(example.Message))).Append(' ').Append(Where(example)).Append('\n');
            }

            var closing = security.Count == 0 ? ClosingWithoutSecurity
                : security.Any(f => f.Severity == Severity.Error) ? ClosingWithSecurity
                : ClosingWithSecurityWarnings;
            body.Append('\n').Append(closing).Append('\n');
        }
        else if (security.Count == 0)
        {
            body.Append('\n').Append(NothingFound(result)).Append('\n');
        }

        AppendNotices(body, result);
        if (!options.IncludeDetails) return body.ToString();

        if (options.NotPostedInline.Count > 0)
        {
            body.Append("\n**Not posted as inline comments** (").Append(options.NotPostedInline.Count).Append("):\n\n");
            AppendList(body, options.NotPostedInline, options, options.MaxLength / 3);
        }

        if (findings.Count > 0)
        {
            body.Append("\n<details>\n<summary>All ").Append(findings.Count).Append(findings.Count == 1 ? " finding" : " findings").Append("</summary>\n\n");
            AppendList(body, findings, options, options.MaxLength - body.Length - 200);
            body.Append("\n</details>\n");
        }

        body.Append('\n').Append(Marker).Append('\n');
        return body.ToString();
    }

    private static string NothingFound(ReviewResult result) => result.AnalyzedFileCount switch
    {
        0 => "No reviewable files were changed, so no other issues were looked for.",
        1 => "No other issues were found in the one reviewed file.",
        var n => $"No other issues were found in the {n} reviewed files.",
    };

    private static void AppendNotices(StringBuilder body, ReviewResult result)
    {
        var notices = result.Notices.Where(n => n.IsWarning).ToList();
        var skipped = result.Notices.Count(n => !n.IsWarning);
        if (notices.Count == 0 && skipped == 0) return;
        body.Append("\n**Notes on this review:**\n");
        foreach (var notice in notices.Take(20))
        {
            body.Append("- ");
            if (notice.Path is not null) body.Append('`').Append(SafeText.Escape(notice.Path)).Append("`: ");
            body.Append(SafeText.Escape(notice.Message)).Append('\n');
        }

        if (notices.Count > 20) body.Append("- ... and ").Append(notices.Count - 20).Append(" more.\n");
        if (skipped > 0) body.Append("- ").Append(skipped).Append(skipped == 1 ? " file was" : " files were").Append(" skipped (deleted, binary, symbolic link or submodule).\n");
    }

    private static void AppendList(StringBuilder body, IReadOnlyList<Finding> findings, MarkdownSummaryOptions options, int budget)
    {
        var start = body.Length;
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            var anchor = $"{SafeText.Escape(f.Path)}#L{f.StartLine}";
            var line = options.LinkFor is { } link
                ? $"- [{anchor}]({link(f)}) **{f.RuleId}** {Escape(f.Message)}\n"
                : $"- `{anchor}` **{f.RuleId}** {Escape(f.Message)}\n";
            if (body.Length - start + line.Length > budget)
            {
                body.Append("- ... and ").Append(findings.Count - i).Append(" more (see the check run or the JSON report).\n");
                return;
            }

            body.Append(line);
        }
    }

    // Paths and messages come from the pull request (file names, identifiers): one line each, whatever they hold.
    // Findings in test code are named as such: a test of an insecure option is not a defect of the product.
    private static string SecurityVerdict(List<Finding> security)
    {
        var inTests = security.Count(f => f.InTestCode);
        if (inTests == security.Count)
        {
            return inTests == 1
                ? "No security defects are detected outside test code; 1 security finding is in test code:"
                : $"No security defects are detected outside test code; {inTests} security findings are in test code:";
        }

        var verdict = security.Count == 1 ? "1 security defect was detected in the code" : $"{security.Count} security defects were detected in the code";
        return inTests == 0 ? verdict + ":" : $"{verdict}, {inTests} of them in test code:";
    }

    private static string WhereInTests(Finding finding) => $"(in test code: {SafeText.Escape(finding.Path)}, line {finding.StartLine}).";

    private static string Where(Finding finding) => $"({SafeText.Escape(finding.Path)}, line {finding.StartLine}).";

    // The message as a clause inside our sentence: no final period.
    private static string Clause(string message) => SafeText.Escape(message.Trim().TrimEnd('.'));

    private static string Sentence(string message)
    {
        var clause = Clause(message);
        return clause.Length == 0 ? clause : char.ToUpperInvariant(clause[0]) + clause[1..];
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Escape(string text) => SafeText.Escape(text).Replace("<", "&lt;", StringComparison.Ordinal);
}
