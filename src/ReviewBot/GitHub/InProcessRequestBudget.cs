namespace ReviewBot.GitHub;

/// <summary>
/// The request budgets of one process's installations, in memory: the content-creating requests of the last window
/// (a minute) as their send times, and the primary budget from the latest responses that came close to it.
/// </summary>
internal sealed class InProcessRequestBudget : IRequestBudget
{
    private readonly int _perWindow;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, Installation> _installations = [];

    public InProcessRequestBudget(int contentRequestsPerMinute, TimeProvider time)
        : this(contentRequestsPerMinute, TimeSpan.FromMinutes(1), time)
    {
    }

    /// <summary>A budget of <paramref name="perWindow"/> content-creating requests in any <paramref name="window"/>.</summary>
    public InProcessRequestBudget(int perWindow, TimeSpan window, TimeProvider time)
    {
        _perWindow = perWindow;
        _window = window;
        _time = time;
    }

    public async ValueTask WaitForTurnAsync(long installationId, bool createsContent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake(installationId, createsContent);
            if (wait is null) return;
            await Task.Delay(wait.Value, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask RecordPrimaryAsync(long installationId, PrimaryBudget budget, CancellationToken cancellationToken)
    {
        lock (_installations)
        {
            var installation = Of(installationId);
            // Responses arrive out of order: within one reset window the lowest figure is the latest; a newer window wins.
            installation.Primary = installation.Primary switch
            {
                { } known when known.ResetAt > budget.ResetAt => known,
                { } known when known.ResetAt == budget.ResetAt => known with { Remaining = Math.Min(known.Remaining, budget.Remaining) },
                _ => budget,
            };
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Takes the installation's turn now (null), or says how long to wait before asking again.</summary>
    private TimeSpan? TryTake(long installationId, bool createsContent)
    {
        var now = _time.GetUtcNow();
        lock (_installations)
        {
            var installation = Of(installationId);
            if (installation.Primary is { } primary && primary.ResetAt > now)
            {
                if (primary.Remaining <= 0) return primary.ResetAt - now;
            }
            else
            {
                installation.Primary = null;
            }

            if (createsContent)
            {
                var sent = installation.ContentSent;
                while (sent.Count > 0 && sent.Peek() <= now - _window) sent.Dequeue();
                if (sent.Count >= _perWindow) return sent.Peek() + _window - now;
                sent.Enqueue(now);
            }

            if (installation.Primary is { } counted) installation.Primary = counted with { Remaining = counted.Remaining - 1 };
            return null;
        }
    }

    private Installation Of(long installationId)
    {
        if (!_installations.TryGetValue(installationId, out var installation)) _installations[installationId] = installation = new Installation();
        return installation;
    }

    private sealed class Installation
    {
        public Queue<DateTimeOffset> ContentSent { get; } = new();

        public PrimaryBudget? Primary { get; set; }
    }
}
