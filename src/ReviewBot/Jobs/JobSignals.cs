using System.Collections.Concurrent;

namespace ReviewBot.Jobs;

/// <summary>
/// In-process signals between the webhook endpoint and the workers: "new work is queued" and "these jobs were
/// superseded or cancelled, stop them". The queue in SQLite stays the truth; these only make reactions prompt.
/// </summary>
internal sealed class JobSignals : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    /// <summary>Wakes idle workers.</summary>
    public void NotifyQueued()
    {
        if (_wake.CurrentCount < 64) _wake.Release();
    }

    /// <summary>Waits for <see cref="NotifyQueued"/> or <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Registers a running job; the returned source is cancelled when the job is superseded.</summary>
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

    /// <summary>Cancels the running jobs among <paramref name="jobIds"/>.</summary>
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

    public void Dispose()
    {
        _wake.Dispose();
        foreach (var source in _running.Values) source.Dispose();
    }
}
