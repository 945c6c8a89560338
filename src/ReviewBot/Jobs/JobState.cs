
namespace ReviewBot.Jobs;

/// <summary>Where a review job or a command is in its life.</summary>
internal enum JobState
{
    /// <summary>Waiting for a worker (from its <c>not_before</c> time on).</summary>
    Queued,

    /// <summary>Claimed by a worker; an attempt is under way.</summary>
    Running,

    /// <summary>Done: the review was published, or the command answered.</summary>
    Completed,

    /// <summary>Given up after its last attempt.</summary>
    Failed,

    /// <summary>A newer head of the pull request replaced it.</summary>
    Superseded,

    /// <summary>The pull request was closed, or the App removed from the repository.</summary>
    Cancelled,

    /// <summary>A command whose author may not run it: answered, nothing reviewed.</summary>
    Refused,
}

/// <summary>The work a store holds, as the workers see it.</summary>
internal sealed record ReviewJob(long Id, ReviewRequest Request, JobState State, int Attempts, long? CheckRunId, string? LastError);

/// <summary>One queued <c>/reviewbot</c> command, as stored.</summary>
internal sealed record CommandJob(long Id, CommandRequest Request, int Attempts);

/// <summary>What <see cref="IReviewQueue.RecoverInterruptedAsync"/> did: jobs queued again, and jobs failed for good.</summary>
internal sealed record RecoveryResult(int Requeued, IReadOnlyList<ReviewJob> Failed)
{
    /// <summary>
    /// Jobs withdrawn (superseded or cancelled) while running on a replica that died before it concluded their check
    /// runs: the recovering replica concludes them instead.
    /// </summary>
    public IReadOnlyList<ReviewJob> Withdrawn { get; init; } = [];
}

/// <summary>The result of queuing a review: what happened, the job's id, and the jobs it superseded.</summary>
internal sealed record EnqueueResult(DeliveryOutcome Outcome, long? JobId, IReadOnlyList<long> Superseded);

/// <summary>
/// What the App forgets for repositories it was removed from (or an installation deleted or suspended): their cached
/// clones, and the installation's token when <see cref="InstallationId"/> is given. Queued with the delivery, so a
/// crash cannot lose it.
/// </summary>
internal sealed record CleanupJob(long Id, long? InstallationId, IReadOnlyList<long> RepositoryIds, int Attempts);
