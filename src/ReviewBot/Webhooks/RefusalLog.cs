using Microsoft.Extensions.Logging;
using ReviewBot.Engine.Text;

namespace ReviewBot.Webhooks;

/// <summary>
/// One warning per refused delivery, at most <see cref="Burst"/> at once and then one every
/// <see cref="Interval"/>: anyone can post to the endpoint, and a flood of bad requests must not become a flood of log
/// lines. What was left out is counted in the next line that is written.
/// </summary>
internal sealed partial class RefusalLog(ILogger<WebhookIntake> logger, TimeProvider time)
{
    public const int Burst = 5;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private double _tokens = Burst;
    private long _refilledAt = time.GetTimestamp();
    private int _suppressed;

    /// <summary>Logs that <paramref name="delivery"/> was answered <paramref name="status"/>, unless the budget is spent.</summary>
    public void Refused(string delivery, string eventName, int status, string reason)
    {
        int suppressed;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (time.GetElapsedTime(_refilledAt, now) / Interval));
            _refilledAt = now;
            if (_tokens < 1)
            {
                _suppressed++;
                return;
            }

            _tokens--;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        if (suppressed == 0) LogRefused(logger, Printable(delivery), Printable(eventName), status, reason);
        else LogRefusedAfterSuppressed(logger, Printable(delivery), Printable(eventName), status, reason, suppressed);
    }

    /// <summary>A header value anyone may have sent, as it may appear in a log line: escaped and at most 80 characters.</summary>
    public static string Printable(string header) => SafeText.Escape(header, 80);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Delivery} ({Event}) refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string delivery, string @event, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Delivery} ({Event}) refused with {Status}: {Reason} ({Suppressed} more refused since the last line, not logged)")]
    private static partial void LogRefusedAfterSuppressed(ILogger logger, string delivery, string @event, int status, string reason, int suppressed);
}
