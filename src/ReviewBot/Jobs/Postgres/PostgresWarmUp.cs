using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// Readies the connections the pool keeps (<see cref="PostgresJobStore.WarmUpAsync"/>) in the background once the
/// server starts, so that a burst of deliveries neither connects nor compiles on the request path; the start itself
/// waits for none of it. A warm-up that fails is logged and changes nothing else: it only saves time.
/// </summary>
internal sealed partial class PostgresWarmUp(PostgresJobStore store, ILogger<PostgresWarmUp> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() => WarmUpAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _warming.WaitAsync(cancellationToken).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WarmUpAsync(CancellationToken stopping)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await store.WarmUpAsync(stopping).ConfigureAwait(false);
            LogWarmedUp(logger, watch.ElapsedMilliseconds);
        }
        catch (JobStoreException e)
        {
            LogWarmUpFailed(logger, e.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "PostgreSQL: connections ready for deliveries in {Milliseconds} ms")]
    private static partial void LogWarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL: readying connections for deliveries failed ({Reason}); the first deliveries connect themselves")]
    private static partial void LogWarmUpFailed(ILogger logger, string reason);
}
