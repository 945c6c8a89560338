using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Telemetry;

namespace ReviewBot.Jobs;

/// <summary>
/// Feeds <c>reviewbot.queue.depth</c> and <c>reviewbot.queue.oldest_job.age</c> from the job store, read when a scrape
/// or an export asks (one query, its answer shared by both gauges for a second). A store that does not answer within
/// <see cref="QueryTimeout"/> leaves the gauges empty for that collection rather than holding the scrape.
/// </summary>
internal sealed partial class QueueGauges(IQueueRetention store, TimeProvider time, ILogger<QueueGauges> logger) : IHostedService
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private (DateTimeOffset At, IReadOnlyList<QueueReading> Levels)? _last;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ReviewBotTelemetry.ObserveQueue(Read);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ReviewBotTelemetry.ObserveQueue(null);
        return Task.CompletedTask;
    }

    /// <summary>The queue as the store reports it now (or within the last second).</summary>
    public IReadOnlyList<QueueReading> Read()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < Reuse) return last.Levels;
            IReadOnlyList<QueueLevel> levels;
            try
            {
                using var timeout = new CancellationTokenSource(QueryTimeout);
                // Collection is synchronous (a scrape's request, an exporter's thread): the one query is waited for.
                levels = store.QueueLevelsAsync(timeout.Token).WaitAsync(QueryTimeout).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is JobStoreException or TimeoutException or OperationCanceledException)
            {
                LogUnread(logger, e.GetType().Name);
                return [];
            }

            var readings = levels.Select(level => new QueueReading(level.Queue, level.State, level.Count, Math.Max(0, (now - level.OldestCreatedAt).TotalSeconds))).ToList();
            // Every queue in both states, so that an emptied queue reads 0 rather than vanishing.
            foreach (var queue in new[] { "review", "command", "cleanup" })
            {
                foreach (var state in new[] { "queued", "running" })
                {
                    if (!readings.Any(r => r.Queue == queue && r.State == state)) readings.Add(new QueueReading(queue, state, 0, 0));
                }
            }

            _last = (now, readings);
            return readings;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The queue's gauges could not be read from the job store ({Error}); left out of this collection")]
    private static partial void LogUnread(ILogger logger, string error);
}
