namespace ReviewBot.GitHub;

/// <summary>
/// What an installation may still send GitHub, shared by everything that sends in its name. Two limits: the secondary
/// one on content-creating requests (POST, PATCH, PUT, DELETE; <c>ReviewBot__ContentRequestsPerMinute</c>, GitHub: 80
/// in any minute), and the primary, hourly one that every response reports (<c>x-ratelimit-remaining</c> until
/// <c>x-ratelimit-reset</c>). One process keeps them in memory; replicas on PostgreSQL keep them in the database, so
/// that together they stay under the installation's limits. Retries and <c>Retry-After</c> remain Polly's.
/// </summary>
internal interface IRequestBudget
{
    /// <summary>
    /// Waits until the installation may send a request: a content-creating one takes a place in the minute's window;
    /// every one waits while the primary budget is known to be spent, until it resets.
    /// </summary>
    ValueTask WaitForTurnAsync(long installationId, bool createsContent, CancellationToken cancellationToken);

    /// <summary>Records what a response said is left of the installation's primary budget.</summary>
    ValueTask RecordPrimaryAsync(long installationId, PrimaryBudget budget, CancellationToken cancellationToken);
}

/// <summary>The primary rate limit's state as a response reports it.</summary>
internal readonly record struct PrimaryBudget(int Remaining, DateTimeOffset ResetAt)
{
    /// <summary>
    /// Below this, the budget is shared out request by request (each one counted against it before it is sent); above
    /// it, a response's figure needs no recording: nothing several replicas send meanwhile can spend that much.
    /// </summary>
    public const int Watched = 200;
}
