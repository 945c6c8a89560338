using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// The notifier across processes on one PostgreSQL database: a notice is kept in this process (so its own workers react
/// at once) and sent with <c>NOTIFY</c>; one connection per process <c>LISTEN</c>s and hands other processes' notices
/// to this process's workers. A notice lost while the listener reconnects costs at most an idle poll (the store stays
/// the truth); after a reconnect the listener wakes the workers once, for whatever arrived meanwhile.
/// </summary>
internal sealed class PostgresJobNotifier : IJobNotifier, IAsyncDisposable, IDisposable
{
    public const string QueuedChannel = "reviewbot_queued";
    public const string CancelledChannel = "reviewbot_cancelled";

    // A NOTIFY payload is at most 8000 bytes; ids are sent in chunks well under it.
    private const int IdsPerNotice = 400;

    private readonly InProcessJobNotifier _local = new();
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly string _self = Guid.NewGuid().ToString("N");
    private readonly Channel<(string Channel, string Payload)> _outbox =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _listener;
    private readonly Task _sender;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _queuedPending;

    public PostgresJobNotifier(NpgsqlDataSource dataSource, ILogger<PostgresJobNotifier> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _local.Cancelled += ids => Cancelled?.Invoke(ids);
        _listener = Task.Run(() => ListenAsync(_stopping.Token));
        _sender = Task.Run(() => SendAsync(_stopping.Token));
    }

    public event Action<IReadOnlyCollection<long>>? Cancelled;

    /// <summary>Done once the listener first listens (tests wait for it before they notify from elsewhere).</summary>
    internal Task Listening => _listening.Task;

    public void NotifyQueued()
    {
        _local.NotifyQueued();
        // Many deliveries in a burst need one notice on the wire, not one each.
        if (Interlocked.Exchange(ref _queuedPending, 1) == 0) _outbox.Writer.TryWrite((QueuedChannel, _self));
    }

    public void NotifyCancelled(IReadOnlyCollection<long> jobIds)
    {
        if (jobIds.Count == 0) return;
        _local.NotifyCancelled(jobIds);
        foreach (var chunk in jobIds.Chunk(IdsPerNotice))
        {
            _outbox.Writer.TryWrite((CancelledChannel, _self + ":" + string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)))));
        }
    }

    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _local.WaitForWorkAsync(timeout, cancellationToken);

    private async Task SendAsync(CancellationToken stopping)
    {
        await foreach (var (channel, payload) in _outbox.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            if (channel == QueuedChannel) Interlocked.Exchange(ref _queuedPending, 0);
            try
            {
                await using var command = _dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
                command.Parameters.AddWithValue("channel", channel);
                command.Parameters.AddWithValue("payload", payload);
                await command.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Other processes find the work at their next poll.
                _logger.LogDebug("A job notice was not sent: {Error}", e.Message);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        var reconnecting = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, notice) => Receive(notice.Channel, notice.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {QueuedChannel}; LISTEN {CancelledChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                backoff.Reset();
                // Whatever was queued while the listener was away.
                if (reconnecting) _local.NotifyQueued();
                reconnecting = true;
                _listening.TrySetResult();
                while (!stopping.IsCancellationRequested) await connection.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                var delay = backoff.Next();
                _logger.LogWarning("The job notice listener lost the database, reconnecting in {Delay} ms: {Error}", delay.TotalMilliseconds, e.Message);
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Receive(string channel, string payload)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        var sender = separator < 0 ? payload : payload[..separator];
        if (sender == _self) return;
        if (channel == QueuedChannel)
        {
            _local.NotifyQueued();
            return;
        }

        var ids = payload[(separator + 1)..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Where(id => id > 0)
            .ToList();
        if (ids.Count > 0) _local.NotifyCancelled(ids);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _outbox.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_listener, _sender).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stopping.Dispose();
        _local.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
