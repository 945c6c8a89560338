namespace ReviewBot.Jobs;

/// <summary>
/// What a trigger asks for: review the head of one pull request. Everything a job needs to fetch and publish, taken
/// from the delivery so that the worker makes no call to learn it. A draft is reviewed only when the server or the
/// repository's <c>.reviewbot.yml</c> (<c>review_drafts</c>) says so; the worker decides, as only it reads the file.
/// <see cref="CommentId"/> is the <c>/reviewbot rerun</c> comment that asked for the review, reacted on when it is
/// published (rocket) or fails (confused). <see cref="UpdatedAt"/> is the pull request's <c>updated_at</c> as the
/// delivery saw it: GitHub does not promise delivery order, and a delivery older than one already queued for another
/// head must not supersede it. <see cref="Delivery"/> is the delivery that asked for the review and
/// <see cref="TraceParent"/> its trace (W3C <c>traceparent</c>), which the job's spans continue across the queue.
/// </summary>
internal sealed record ReviewRequest(
    long InstallationId,
    long RepositoryId,
    string Owner,
    string Name,
    int PullNumber,
    string HeadSha,
    string BaseRef,
    string CloneUrl,
    string DefaultBranch,
    string Trigger,
    bool Draft = false,
    long? CommentId = null,
    DateTimeOffset? UpdatedAt = null,
    string? Delivery = null,
    string? TraceParent = null);

/// <summary>What the webhook endpoint did with a delivery.</summary>
internal enum DeliveryOutcome
{
    /// <summary>A review job was written to the queue.</summary>
    Queued,

    /// <summary>A job for the same pull request and head sha was already queued or running.</summary>
    AlreadyQueued,

    /// <summary>This delivery id was seen before: nothing was done.</summary>
    Redelivery,

    /// <summary>The event needs no review (other actions, drafts, events we do not handle).</summary>
    Ignored,

    /// <summary>A <c>/reviewbot</c> command was written to the queue (answered by the worker).</summary>
    CommandQueued,

    /// <summary>The pull request was closed: its queued and running work was cancelled.</summary>
    Cancelled,

    /// <summary>
    /// The delivery names another head than a job already recorded for the pull request, and is older than it (the
    /// pull request's <c>updated_at</c>): it arrived out of order, and nothing was queued.
    /// </summary>
    Outdated,
}

/// <summary>
/// A <c>/reviewbot</c> command from a comment on a pull request, as queued by the webhook endpoint: the worker checks
/// the author's permission (the association, else the collaborator permission API), resolves the pull request's head
/// and queues the review, or replies. <see cref="Delivery"/> and <see cref="TraceParent"/> as a <see cref="ReviewRequest"/>'s.
/// </summary>
internal sealed record CommandRequest(
    long InstallationId,
    long RepositoryId,
    string Owner,
    string Name,
    int PullNumber,
    string CloneUrl,
    string DefaultBranch,
    long CommentId,
    string Author,
    string AuthorAssociation,
    string Command,
    string? Delivery = null,
    string? TraceParent = null);
