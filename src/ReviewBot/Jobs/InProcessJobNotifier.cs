namespace ReviewBot.Jobs;

/// <summary>The notifier of one process: the webhook endpoint and the workers share it in memory.</summary>
internal sealed class InProcessJobNotifier : IJobNotifier, IDisposable
{
    // More pending wake-ups than workers would only make idle workers spin once more each.
    private const int MaxPendingWakeUps = 64;

    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public event Action<IReadOnlyCollection<long>>? Cancelled;

    public void NotifyQueued()
    {
        if (_wake.CurrentCount < MaxPendingWakeUps) _wake.Release();
    }

    public void NotifyCancelled(IReadOnlyCollection<long> jobIds)
    {
        if (jobIds.Count > 0) Cancelled?.Invoke(jobIds);
    }

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
