using System.Text;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Tests.Review;

namespace ReviewBot.Engine.Tests.Reporting;

/// <summary>
/// What a publisher writes besides the summary: inline comment bodies, the fingerprint marker, the check run's output
/// and the conversation's bodies, each against a golden file of exactly what GitHub is sent.
/// </summary>
public sealed class PublishedBodiesTests
{
    private static readonly Uri RuleDocs = new("https://example.test/docs/rules/");
    private static readonly ReviewEngine Engine = new(new AnalyzerRegistry([new MarkerAnalyzer()]));

    private static Finding Finding(string message = "Name 'badName' is not in snake_case.", Suggestion? suggestion = null) => new()
    {
        RuleId = "RBTX201",
        Category = Category.Naming,
        Severity = Severity.Warning,
        Path = "src/app.py",
        StartLine = 4,
        EndLine = 4,
        Message = message,
        Suggestion = suggestion,
        Fingerprint = "0123456789abcdef:1",
    };

    [Fact]
    public void InlineComment_LinksTheRule_SaysTheSeverity_EndsInTheMarker()
    {
        var body = InlineCommentBody.Render(Finding(), null, RuleDocs);

        Golden.Match("inline-comment.md", body);
        Assert.Equal(["0123456789abcdef:1"], FingerprintMarker.FindIn(body));
    }

    [Fact]
    public void InlineComment_WithSuggestion_HasASuggestionBlockAndItsDescription()
    {
        var suggestion = new Suggestion(4, 5, "def bad_name():\n    return 1\n", "Renamed to snake_case.");

        var body = InlineCommentBody.Render(Finding(suggestion: suggestion), suggestion, RuleDocs);

        Golden.Match("inline-comment-suggestion.md", body);
    }

    [Fact]
    public void InlineComment_SuggestionHoldingAFence_IsFencedLonger()
    {
        var suggestion = new Suggestion(4, 4, "doc = \"```python\"\n", "");

        var body = InlineCommentBody.Render(Finding(suggestion: suggestion), suggestion, RuleDocs);

        Golden.Match("inline-comment-suggestion-fence.md", body);
        Assert.Contains("````suggestion\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineComment_DeletingSuggestion_IsAnEmptyBlock()
    {
        var suggestion = new Suggestion(4, 4, "", "Remove the unused import.");

        var body = InlineCommentBody.Render(Finding(suggestion: suggestion), suggestion, RuleDocs);

        Assert.Contains("```suggestion\n```\nRemove the unused import.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineComment_HugeMessage_IsCutToGitHubsLimit_KeepingTheSuggestionAndMarker()
    {
        var suggestion = new Suggestion(4, 4, "x = 1\n", "");

        var body = InlineCommentBody.Render(Finding(new string('m', 100_000), suggestion), suggestion, RuleDocs);

        Assert.Equal(GitHubLimits.MaxCommentLength, body.Length);
        Assert.Contains("…\n\n```suggestion\nx = 1\n```", body, StringComparison.Ordinal);
        Assert.EndsWith(FingerprintMarker.For("0123456789abcdef:1"), body, StringComparison.Ordinal);
    }

    [Fact]
    public void FingerprintMarker_FindsOnlyWellFormedMarkers()
    {
        var body = "text " + FingerprintMarker.For("aa:1") + " <!-- reviewbot:fingerprint:NOT-HEX --> " + FingerprintMarker.For("bb:2");

        Assert.Equal(["aa:1", "bb:2"], FingerprintMarker.FindIn(body));
        Assert.Empty(FingerprintMarker.FindIn(null));
    }

    [Fact]
    public void CheckRunOutput_OfFindings_TitleCountsBySeverity_AnnotationPerFinding()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("app.txt", "x = 1\nSECRET here\nbadName\nLOGF\n")]));

        var output = CheckRunOutput.For(result, "the summary");

        Golden.Match("check-run-findings.txt", Describe(output));
        Assert.Equal(CheckConclusion.Failure, output.Conclusion);
    }

    [Fact]
    public void CheckRunOutput_OfNothingReviewable_IsNeutral_OfACleanReview_Success()
    {
        var nothing = Engine.Review(new ReviewInput([TestChanges.Added("image.png", "binary\n")]));
        var clean = Engine.Review(new ReviewInput([TestChanges.Added("clean.txt", "fine\n")]));

        Golden.Match("check-run-clean.txt", Describe(CheckRunOutput.For(nothing, "s")) + "---\n" + Describe(CheckRunOutput.For(clean, "s")));
        Assert.Equal(CheckConclusion.Neutral, CheckRunOutput.ConclusionOf(nothing));
        Assert.Equal(CheckConclusion.Success, CheckRunOutput.ConclusionOf(clean));
    }

    [Fact]
    public void CheckRunOutput_HugeMessagesAndSummary_AreCutToGitHubsLimits()
    {
        var result = Engine.Review(new ReviewInput([TestChanges.Added("app.txt", "SECRET\n")]));
        var finding = result.Findings[0] with { Message = new string('é', 70_000), RuleId = new string('R', 300) };
        var big = new ReviewResult { Findings = [finding], Notices = [], Files = result.Files, Catalog = result.Catalog, Config = result.Config, AnalyzedFileCount = 1 };

        var output = CheckRunOutput.For(big, new string('s', 70_000));

        Assert.Equal(GitHubLimits.MaxOutputLength, output.Summary.Length);
        Assert.True(Encoding.UTF8.GetByteCount(output.Annotations[0].Message) <= GitHubLimits.MaxAnnotationMessageBytes);
        Assert.EndsWith("…", output.Annotations[0].Message, StringComparison.Ordinal);
        Assert.Equal(GitHubLimits.MaxAnnotationTitleLength, output.Annotations[0].Title.Length);
    }

    [Fact]
    public void CheckRunOutput_OfRunsEndedWithoutAReview()
    {
        var text = string.Join("---\n", $"title: {CheckRunOutput.InProgressTitle}\nsummary: {CheckRunOutput.InProgressSummary}\n", Describe(CheckRunOutput.Failed(3, "GitHub answered 502: Bad Gateway")),
            Describe(CheckRunOutput.Superseded), Describe(CheckRunOutput.Cancelled));

        Golden.Match("check-run-ended.txt", text);
    }

    [Fact]
    public void ConversationBodies_ReviewSummaryAndReply()
    {
        var text = string.Join("\n---\n",
            ConversationBodies.Review(1),
            ConversationBodies.Review(3),
            ConversationBodies.Summary("## Summary", ConversationBodies.ChecksRefusedNote),
            ConversationBodies.Summary("## Summary", null),
            ConversationBodies.Reply(42, "Run `/reviewbot rerun` to review again."));

        Golden.Match("conversation-bodies.md", text);
    }

    [Fact]
    public void ConversationBodies_HugeSummaryWithNote_KeepsTheNoteWhole_HugeReplyKeepsItsMarker()
    {
        var summary = ConversationBodies.Summary(new string('s', 70_000), "NOTE");
        var reply = ConversationBodies.Reply(7, new string('r', 70_000));

        Assert.Equal(GitHubLimits.MaxCommentLength, summary.Length);
        Assert.EndsWith("…\n\nNOTE", summary, StringComparison.Ordinal);
        Assert.Equal(GitHubLimits.MaxCommentLength, reply.Length);
        Assert.EndsWith(ConversationBodies.ReplyMarker(7), reply, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandReplies_HelpUnknownRefusedClosed()
    {
        var text = string.Join("\n---\n", CommandReplies.Help(null), CommandReplies.Help("re`run"), CommandReplies.Refused("octocat"), CommandReplies.Closed);

        Golden.Match("command-replies.md", text);
        Assert.Contains("`review_drafts`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var text = "ab" + "\U0001F600" + "cd";

        Assert.Equal("ab…", GitHubLimits.Cut(text, 4));
        Assert.Equal(text, GitHubLimits.Cut(text, text.Length));
    }

    private static string Describe(CheckRunOutput output)
    {
        var text = new StringBuilder();
        text.Append("title: ").Append(output.Title).Append('\n');
        text.Append("conclusion: ").Append(output.Conclusion.Id()).Append('\n');
        text.Append("summary: ").Append(output.Summary).Append('\n');
        foreach (var a in output.Annotations)
        {
            text.Append("annotation: ").Append(a.Path).Append(':').Append(a.StartLine).Append('-').Append(a.EndLine)
                .Append(' ').Append(a.Level).Append(' ').Append(a.Title).Append(": ").Append(a.Message).Append('\n');
        }

        return text.ToString();
    }
}
