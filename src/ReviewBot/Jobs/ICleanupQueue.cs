namespace ReviewBot.Jobs;

/// <summary>The clean-ups waiting for a worker; queued by <see cref="IDeliveryLog.RecordRepositoriesRemovedAsync"/>.</summary>
internal interface ICleanupQueue
{
    /// <summary>Takes the oldest due clean-up, marks it running and counts the attempt; null when there is none.</summary>
    Task<CleanupJob?> ClaimNextCleanupAsync(CancellationToken cancellationToken);

    /// <summary>Marks a running clean-up completed, failed (with <paramref name="error"/>), or queued again at <paramref name="retryAt"/>.</summary>
    Task FinishCleanupAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
