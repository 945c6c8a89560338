namespace ReviewBot.Webhooks;

/// <summary>
/// What a trigger asks for: review the head of one pull request. Everything a job needs to fetch and publish, taken
/// from the delivery so that the worker makes no call to learn it. A draft is reviewed only when the server or the
/// repository's <c>.reviewbot.yml</c> (<c>review_drafts</c>) says so; the worker decides, as only it reads the file.
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
    bool Draft = false);

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
}
