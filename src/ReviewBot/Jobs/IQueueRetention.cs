namespace ReviewBot.Jobs;

/// <summary>What the store forgets, and whether it answers at all.</summary>
internal interface IQueueRetention
{
    /// <summary>
    /// Deletes delivery ids and finished jobs and commands older than <paramref name="age"/> (GitHub redelivers for 3
    /// days at most); returns how many went.
    /// </summary>
    Task<int> PruneAsync(TimeSpan age, CancellationToken cancellationToken);

    /// <summary>True when the store answers a query.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
