
namespace ReviewBot.Jobs;

/// <summary>
/// The review queue: one active job per (repository, pull request). A job for another head supersedes the queued or
/// running one; a delivery older than the head already queued (the pull request's <c>updated_at</c>) queues nothing.
/// A worker claims the oldest due job whose pull request has no job running; an attempt counts when it is claimed.
/// </summary>
internal interface IReviewQueue
{
    /// <summary>Queues a review outside of a delivery (a command, a head that moved); same rules as a delivery's job.</summary>
    Task<EnqueueResult> EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken);

    /// <summary>Takes the oldest due job whose pull request has no job running, marks it running and counts the attempt.</summary>
    Task<ReviewJob?> ClaimNextAsync(CancellationToken cancellationToken);

    Task<ReviewJob?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// True while job <paramref name="id"/> is still the one to publish for its pull request: it is running, and (on a
    /// store with leases) under this process's lease.
    /// </summary>
    Task<bool> IsCurrentAsync(long id, CancellationToken cancellationToken);

    Task SetCheckRunAsync(long id, long checkRunId, CancellationToken cancellationToken);

    /// <summary>Marks a running job completed; a job superseded or cancelled meanwhile keeps that state.</summary>
    Task CompleteAsync(long id, CancellationToken cancellationToken);

    /// <summary>Marks a running job superseded (its head is not the pull request's any more).</summary>
    Task SupersedeAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt: queued again at <paramref name="retryAt"/>, or failed for good when null. Returns the
    /// state the job is in afterwards (superseded or cancelled when that happened meanwhile; running when another replica
    /// took it over, on a store with leases).
    /// </summary>
    Task<JobState> FailAttemptAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken);

    /// <summary>
    /// Says that this process is done with a withdrawn job (its check run concluded). On a store with leases, a
    /// withdrawn job stays leased to its worker until then, so that if the worker's replica dies first, another one
    /// concludes the run (<see cref="RecoveryResult.Withdrawn"/>).
    /// </summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>Hands a running job back to the queue without counting the attempt (the process is shutting down).</summary>
    Task RequeueAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Settles every job and command a dead process left running: on a store of one process, everything running (call
    /// it once, before the workers start); on a store with leases (<see cref="IJobLeases"/>), what no live replica
    /// holds. A job started <paramref name="maxAttempts"/> times is failed for good (one repository's poisoned input
    /// must not crash-loop the server). The others are queued again: at once after a first interruption (most likely
    /// the process's doing: a crash, a deploy, a lost machine), after the back-off of a failed attempt
    /// (<paramref name="retryDelay"/>, doubled per further attempt) from the second on, so other work goes first.
    /// </summary>
    Task<RecoveryResult> RecoverInterruptedAsync(int maxAttempts, TimeSpan retryDelay, CancellationToken cancellationToken);

    /// <summary>When the next queued job or command becomes due (null when none is queued).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}

/// <summary>The error recorded for an attempt that ended with its process.</summary>
internal static class InterruptedAttempt
{
    public const string Error = "the process ended during the attempt (a crash, or killed)";
}
