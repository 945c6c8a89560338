namespace ReviewBot.Jobs;

/// <summary>
/// Tells workers that work arrived or was withdrawn: "new work is queued" wakes idle workers, "these jobs were
/// superseded or cancelled" stops them where they run. The store stays the truth; a notice only makes the reaction
/// prompt, so a lost one costs at most a worker's idle poll.
/// </summary>
internal interface IJobNotifier
{
    /// <summary>Wakes idle workers.</summary>
    void NotifyQueued();

    /// <summary>Stops the running jobs among <paramref name="jobIds"/>, wherever they run.</summary>
    void NotifyCancelled(IReadOnlyCollection<long> jobIds);

    /// <summary>Waits for <see cref="NotifyQueued"/> or <paramref name="timeout"/>; true when woken.</summary>
    Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Raised with the job ids of <see cref="NotifyCancelled"/>.</summary>
    event Action<IReadOnlyCollection<long>>? Cancelled;
}
