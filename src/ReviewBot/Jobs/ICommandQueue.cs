namespace ReviewBot.Jobs;

/// <summary>The <c>/reviewbot</c> commands waiting for an answer; queued by <see cref="IDeliveryLog.RecordCommandAsync"/>.</summary>
internal interface ICommandQueue
{
    /// <summary>Takes the oldest due command, marks it running and counts the attempt; null when there is none.</summary>
    Task<CommandJob?> ClaimNextCommandAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks a running command done in <paramref name="state"/> (completed, refused or failed), or queued again at
    /// <paramref name="retryAt"/> when that is given.
    /// </summary>
    Task FinishCommandAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
