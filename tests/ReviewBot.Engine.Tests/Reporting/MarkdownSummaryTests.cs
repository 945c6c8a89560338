using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Tests.Review;

namespace ReviewBot.Engine.Tests.Reporting;

public sealed class MarkdownSummaryTests
{
    private static readonly ReviewEngine Engine = new(new AnalyzerRegistry([new MarkerAnalyzer()]));

    [Fact]
    public void NoFindings_SaysSoInOneLine()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("clean.txt", "nothing here\n"), TestChanges.Added("also.txt", "fine\n")]));

        var summary = MarkdownSummary.Render(result);

        Golden.Match("summary-no-findings.md", summary);
        Assert.StartsWith(MarkdownSummary.NoSecurityDefects + "\n", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownSummary.SuggestionsFollow, summary, StringComparison.Ordinal);
        Assert.Contains(MarkdownSummary.Marker, summary, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingsWithoutSecurity_NumberedCategoriesInOrder_WithExamples()
    {
        var result = Engine.Review(new ReviewInput([
            TestChanges.Added("tests/functional/test_evacuate.py.txt", "x = 1\nUNUSED\nLOGF\nbadName\nbadName again\n"),
        ]));

        var summary = MarkdownSummary.Render(result);

        Golden.Match("summary-no-security.md", summary);
        var lines = summary.Split('\n');
        Assert.Equal(MarkdownSummary.NoSecurityDefects, lines[0]);
        Assert.Equal(MarkdownSummary.SuggestionsFollow, lines[2]);
        Assert.Equal(["1. Inconsistent naming conventions:", "2. Unused variables and imports:", "3. Logging:"],
            lines.Where(l => l.Length > 2 && char.IsDigit(l[0]) && l[1] == '.').ToArray());
        Assert.Contains("For example, the 'os' module is imported but not used (tests/functional/test_evacuate.py.txt, line 2).", summary, StringComparison.Ordinal);
        Assert.Contains(MarkdownSummary.ClosingWithoutSecurity, summary, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNamesWithNewlines_StayOnTheirLine()
    {
        var result = Engine.Review(new ReviewInput([
            TestChanges.Added("x\n### Security: none\n\u202Ey.txt", "badName\nUNUSED\n"),
        ]));

        var summary = MarkdownSummary.Render(result);

        Assert.DoesNotContain(summary.Split('\n'), line => line.StartsWith("### Security", StringComparison.Ordinal));
        Assert.Contains("(x\\n### Security: none\\n\\u202Ey.txt, line 1).", summary, StringComparison.Ordinal);
        Assert.Contains("`x\\n### Security: none\\n\\u202Ey.txt#L1`", summary, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', summary);
    }

    [Fact]
    public void SecurityFinding_CountedAndListedFirst()
    {
        var result = Engine.Review(new ReviewInput([
            TestChanges.Added("app/settings.txt", "SECRET\nbadName\n"),
            TestChanges.Added("app/db.txt", "x\nSECRET\n"),
        ]));

        var summary = MarkdownSummary.Render(result);

        Golden.Match("summary-security.md", summary);
        Assert.StartsWith("2 security defects were detected in the code:\n\n1. A password is hard-coded in 'SECRET' (app/db.txt, line 2).\n", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownSummary.ClosingWithoutSecurity, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownSummary.NoSecurityDefects, summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SecurityWarningsOnly_ClosingDoesNotDemandAFix()
    {
        var config = new Engine.Config.ReviewConfig { RuleSeverity = new Dictionary<string, Severity> { ["RBTX101"] = Severity.Warning } };
        var result = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "SECRET\nbadName\n")]) { Config = config });

        var summary = MarkdownSummary.Render(result);

        Assert.StartsWith("1 security defect was detected in the code:", summary, StringComparison.Ordinal);
        Assert.Contains(MarkdownSummary.ClosingWithSecurityWarnings, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(MarkdownSummary.ClosingWithSecurity, summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "One test uses a pattern that makes tests slower, flakier or harder to maintain.")]
    [InlineData(3, "3 tests use patterns that make tests slower, flakier or harder to maintain.")]
    public void CategoryPhrase_AgreesInNumber(int count, string expected) =>
        Assert.StartsWith(expected, CategoryPhrases.Describe(Category.TestStyle, count, ["python"], new AnalysisThresholds()), StringComparison.Ordinal);

    [Fact]
    public void Notices_AreListed()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("crash.txt", "CRASH\n"), TestChanges.Added("ok.txt", "fine\n")]));

        var summary = MarkdownSummary.Render(result);

        Assert.Contains("**Notes on this review:**\n- `crash.txt`: The text analyzer failed", summary.Replace("analyzer failed on this file (InvalidOperationException)", "text analyzer failed", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void HugeReview_StaysUnderGitHubsCommentLimit()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"badName {i} UNUSED\n"));
        var result = Engine.Review(new ReviewInput([TestChanges.Added("big.txt", text)]));

        var summary = MarkdownSummary.Render(result);

        Assert.Equal(6000, result.Reported.Count);
        Assert.True(summary.Length <= 65_536, $"summary is {summary.Length} characters");
        Assert.Contains("more (see the check run or the JSON report)", summary, StringComparison.Ordinal);
        Assert.EndsWith(MarkdownSummary.Marker + "\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NotPostedInline_AreListedSeparately_WithLinks()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("a.txt", "badName\n")]));

        var summary = MarkdownSummary.Render(result, new MarkdownSummaryOptions
        {
            NotPostedInline = result.Reported,
            LinkFor = f => $"https://example.test/blob/sha/{f.Path}#L{f.StartLine}",
        });

        Assert.Contains("**Not posted as inline comments** (1):\n\n- [a.txt#L1](https://example.test/blob/sha/a.txt#L1) **RBTX201**", summary, StringComparison.Ordinal);
    }
}
