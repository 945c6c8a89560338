using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;

namespace ReviewBot.Engine.Publishing;

/// <summary>
/// Where a review's result goes on the pull request's host: one check run per head (started in progress, concluded
/// once), the inline comments, and the summary. The App's job, its worker and Actions mode publish only through this,
/// so another host (or a SARIF upload) is one more implementation; GitHub's is <c>GitHub/GitHubReviewPublisher</c>.
/// Re-publishing must be safe: nothing posted twice, the summary edited in place.
/// </summary>
public interface IReviewPublisher
{
    /// <summary>ReviewBot's check run in progress on the head, if there is one (left by a process that died before recording it).</summary>
    Task<long?> FindOpenCheckRunAsync(PublishTarget target, CancellationToken cancellationToken);

    /// <summary>The check run to report on: <paramref name="known"/>, else one in progress on the head, else a new one.</summary>
    Task<long> StartCheckRunAsync(PublishTarget target, long? known, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="result"/>: inline comments, summary, then the concluded check run; without a check run
    /// (<paramref name="checkRunId"/> null) the comments and the summary alone, <paramref name="summaryNote"/> after it.
    /// </summary>
    Task<PublishOutcome> PublishAsync(PublishTarget target, long? checkRunId, ReviewResult result, CancellationToken cancellationToken, string? summaryNote = null);

    /// <summary>Concludes a check run of a job that ends without a review (failed for good, superseded, cancelled).</summary>
    Task ConcludeAsync(PublishTarget target, long checkRunId, CheckRunOutput output, CancellationToken cancellationToken);
}

/// <summary>What was published: comments posted now, already there, left to the summary, refused by the host; the conclusion.</summary>
public sealed record PublishOutcome(int InlinePosted, int AlreadyPosted, int NotPostedInline, int Refused, CheckConclusion Conclusion);
