using System.Security.Cryptography;

namespace ReviewBot.Jobs;

/// <summary>
/// The leases of a store that several replicas share: a claimed job is held in this process's name for a while, and
/// the holder renews it as long as it works. A replica that dies stops renewing, and once the lease runs out any
/// replica's <see cref="IReviewQueue.RecoverInterruptedAsync"/> takes the job back. A store used by one process only
/// (SQLite) has no leases: everything running at start is a dead process's.
/// </summary>
internal interface IJobLeases
{
    /// <summary>How long a claim holds without renewal (<c>ReviewBot__LeaseDuration</c>).</summary>
    TimeSpan LeaseDuration { get; }

    /// <summary>
    /// Extends the leases of everything this process holds; returns the review jobs it still holds. A job missing from
    /// the answer was superseded, cancelled or taken over since, and must stop.
    /// </summary>
    Task<IReadOnlySet<long>> RenewAsync(CancellationToken cancellationToken);
}

/// <summary>Who holds a lease.</summary>
internal static class JobLease
{
    /// <summary>A name for this process, unique among replicas, that says where it runs (for whoever reads the table).</summary>
    public static string NewOwner() =>
        $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
