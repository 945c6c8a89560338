using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// Readies the connections the pool keeps before the server listens
/// (<see cref="PostgresJobStore.WarmUpAsync"/>), so that a burst of deliveries after start neither connects nor compiles on
/// the request path. A warm-up that fails is logged and changes nothing else: it only saves time.
/// </summary>
internal sealed partial class PostgresWarmUp(PostgresJobStore store, ILogger<PostgresWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await store.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            LogWarmedUp(logger, watch.ElapsedMilliseconds);
        }
        catch (JobStoreException e)
        {
            LogWarmUpFailed(logger, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "PostgreSQL: connections ready for deliveries in {Milliseconds} ms")]
    private static partial void LogWarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL: readying connections for deliveries failed ({Reason}); the first deliveries connect themselves")]
    private static partial void LogWarmUpFailed(ILogger logger, string reason);
}
