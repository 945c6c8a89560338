using System.Collections.Concurrent;

namespace ReviewBot.Jobs;

/// <summary>
/// The jobs this process is running, each with the cancellation a notice of <see cref="IJobNotifier.Cancelled"/>
/// triggers (a newer head, a closed pull request, a removed repository).
/// </summary>
internal sealed class RunningJobs : IDisposable
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly IJobNotifier _notifier;

    public RunningJobs(IJobNotifier notifier)
    {
        _notifier = notifier;
        _notifier.Cancelled += OnCancelled;
    }

    /// <summary>Registers a running job; the returned source is cancelled when the job is withdrawn or the process stops.</summary>
    public CancellationTokenSource Register(long jobId, CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = source;
        return source;
    }

    public void Unregister(long jobId)
    {
        if (_running.TryRemove(jobId, out var source)) source.Dispose();
    }

    /// <summary>The ids of the jobs running now.</summary>
    public IReadOnlyCollection<long> Ids => _running.Keys.ToArray();

    /// <summary>Stops the running jobs among <paramref name="jobIds"/>.</summary>
    public void Cancel(IEnumerable<long> jobIds)
    {
        foreach (var id in jobIds)
        {
            if (!_running.TryGetValue(id, out var source)) continue;
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The job finished in the meantime.
            }
        }
    }

    private void OnCancelled(IReadOnlyCollection<long> jobIds) => Cancel(jobIds);

    public void Dispose()
    {
        _notifier.Cancelled -= OnCancelled;
        foreach (var source in _running.Values) source.Dispose();
    }
}
