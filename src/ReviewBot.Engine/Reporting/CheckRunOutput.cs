using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Reporting;

/// <summary>How a check run ends.</summary>
public enum CheckConclusion
{
    Success,
    Failure,
    Neutral,
    Cancelled,
}

/// <summary>The level of a check-run annotation (GitHub's <c>notice</c>, <c>warning</c>, <c>failure</c>).</summary>
public enum AnnotationLevel
{
    Notice,
    Warning,
    Failure,
}

/// <summary>One annotation: a finding on the lines it covers, its message and rule id cut to GitHub's limits.</summary>
public sealed record CheckAnnotation(string Path, int StartLine, int EndLine, AnnotationLevel Level, string Message, string Title);

/// <summary>
/// What a check run shows: a one-line title, the summary, the conclusion and, for a review, every reported finding as
/// an annotation; each text cut to GitHub's limits. The outputs of a run that ends without a review (failed, superseded,
/// cancelled) are here too, so that every text a check run shows is written in one place.
/// </summary>
public sealed record CheckRunOutput(string Title, string Summary, CheckConclusion Conclusion, IReadOnlyList<CheckAnnotation> Annotations)
{
    /// <summary>The title of a run in progress (it has no conclusion yet).</summary>
    public const string InProgressTitle = "Review in progress";

    /// <summary>The summary of a run in progress.</summary>
    public const string InProgressSummary = "ReviewBot is reviewing this commit.";

    /// <summary>The output of a completed review: <paramref name="summary"/> is the summary comment's Markdown.</summary>
    public static CheckRunOutput For(ReviewResult result, string summary) => new(
        GitHubLimits.Cut(TitleOf(result), GitHubLimits.MaxCheckRunTitleLength),
        GitHubLimits.Cut(summary, GitHubLimits.MaxOutputLength),
        ConclusionOf(result),
        [.. result.Reported.Select(Annotation)]);

    /// <summary>A review whose job failed for good after <paramref name="attempts"/> attempts.</summary>
    public static CheckRunOutput Failed(int attempts, string reason) => Ended(
        CheckConclusion.Failure, "ReviewBot could not complete the review", $"The review failed after {attempts} attempt(s). Last error: {reason}");

    /// <summary>A review withdrawn because a newer commit is reviewed instead (neutral: nothing went wrong).</summary>
    public static CheckRunOutput Superseded { get; } = Ended(
        CheckConclusion.Neutral,
        "Superseded by a newer commit",
        "This commit is no longer the pull request's head (a newer commit was pushed); the head is reviewed instead.");

    /// <summary>A review withdrawn because the pull request was closed or ReviewBot removed.</summary>
    public static CheckRunOutput Cancelled { get; } = Ended(
        CheckConclusion.Cancelled,
        "Cancelled",
        "The pull request was closed (or ReviewBot removed from the repository) before this review finished.");

    /// <summary><c>failure</c> when a reported finding meets <c>fail_on</c>; <c>neutral</c> when nothing was reviewable; else <c>success</c>.</summary>
    public static CheckConclusion ConclusionOf(ReviewResult result) =>
        result.MeetsFailOn ? CheckConclusion.Failure
        : result.AnalyzedFileCount == 0 && result.Reported.Count == 0 ? CheckConclusion.Neutral
        : CheckConclusion.Success;

    /// <summary>The check run's title: the counts of reported findings by severity.</summary>
    public static string TitleOf(ReviewResult result)
    {
        var findings = result.Reported;
        if (findings.Count == 0)
        {
            return result.AnalyzedFileCount == 0 ? "No reviewable files changed" : $"No findings in {result.AnalyzedFileCount} reviewed file(s)";
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        var notes = findings.Count - errors - warnings;
        return $"{findings.Count} {(findings.Count == 1 ? "finding" : "findings")}: {errors} error(s), {warnings} warning(s), {notes} note(s)";
    }

    private static CheckRunOutput Ended(CheckConclusion conclusion, string title, string summary) =>
        new(GitHubLimits.Cut(title, GitHubLimits.MaxCheckRunTitleLength), GitHubLimits.Cut(summary, GitHubLimits.MaxOutputLength), conclusion, []);

    private static CheckAnnotation Annotation(Finding finding) => new(
        finding.Path,
        finding.StartLine,
        Math.Max(finding.StartLine, finding.EndLine),
        finding.Severity switch
        {
            Severity.Error => AnnotationLevel.Failure,
            Severity.Warning => AnnotationLevel.Warning,
            _ => AnnotationLevel.Notice,
        },
        GitHubLimits.CutBytes(finding.Message, GitHubLimits.MaxAnnotationMessageBytes),
        GitHubLimits.Cut(finding.RuleId, GitHubLimits.MaxAnnotationTitleLength));
}

/// <summary>The names GitHub gives the conclusions (<c>success</c>, <c>failure</c>, <c>neutral</c>, <c>cancelled</c>).</summary>
public static class CheckConclusionNames
{
    public static string Id(this CheckConclusion conclusion) => conclusion switch
    {
        CheckConclusion.Failure => "failure",
        CheckConclusion.Neutral => "neutral",
        CheckConclusion.Cancelled => "cancelled",
        _ => "success",
    };
}
