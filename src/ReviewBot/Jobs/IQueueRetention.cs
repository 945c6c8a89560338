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

    /// <summary>How many reviews, commands and clean-ups are queued and running, with the oldest queued one's age.</summary>
    Task<IReadOnlyList<QueueLevel>> QueueLevelsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// How full one queue (<c>review</c>, <c>command</c>, <c>cleanup</c>) is in one state (<c>queued</c>, <c>running</c>):
/// <see cref="OldestCreatedAt"/> is when its oldest entry was queued.
/// </summary>
internal sealed record QueueLevel(string Queue, string State, long Count, DateTimeOffset OldestCreatedAt)
{
    /// <summary>The statement both stores run: their tables and columns have the same names.</summary>
    public const string Sql = """
        SELECT 'review', state, count(*), min(created_at) FROM jobs WHERE state IN ('queued', 'running') GROUP BY state
        UNION ALL SELECT 'command', state, count(*), min(created_at) FROM commands WHERE state IN ('queued', 'running') GROUP BY state
        UNION ALL SELECT 'cleanup', state, count(*), min(created_at) FROM cleanups WHERE state IN ('queued', 'running') GROUP BY state
        """;

    public static QueueLevel Read(System.Data.Common.DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
}
