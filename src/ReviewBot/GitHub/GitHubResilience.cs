using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ReviewBot.Telemetry;

namespace ReviewBot.GitHub;

/// <summary>
/// How GitHub requests are retried: 5xx, 429 and rate-limit 403 responses (secondary limits carry <c>Retry-After</c>,
/// primary ones <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c>), honouring those headers, otherwise
/// exponential back-off with jitter, within a bounded total time. Other 4xx are never retried.
/// </summary>
internal static partial class GitHubResilience
{
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(
        int maxRetries, TimeSpan firstDelay, TimeSpan totalTimeout, TimeProvider time, ILogger logger)
    {
        var maxDelay = totalTimeout / 2;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = totalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, maxRetries),
                Delay = firstDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(maxRetries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(HeaderDelay(args.Outcome.Result, time, maxDelay)),
                OnRetry = args =>
                {
                    var status = args.Outcome.Result is { } r ? (int)r.StatusCode : 0;
                    var reason = RetryReason(args.Outcome);
                    ReviewBotTelemetry.GitHubRetries.Add(1, new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.RetryReason, reason));
                    if (reason is "secondary_rate_limit" or "primary_rate_limit")
                    {
                        ReviewBotTelemetry.RateLimitWaits.Record(
                            args.RetryDelay.TotalSeconds,
                            new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.RateLimit, reason == "primary_rate_limit" ? "primary" : "secondary"));
                    }

                    LogRetry(logger, status, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        if (outcome.Result is not { } response) return false;
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) return true;
        return response.StatusCode == HttpStatusCode.Forbidden && IsRateLimited(response);
    }

    /// <summary>Why a request is retried: <c>secondary_rate_limit</c>, <c>primary_rate_limit</c>, <c>server_error</c>, <c>network</c>.</summary>
    private static string RetryReason(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is not { } response) return "network";
        if (response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) && remaining.FirstOrDefault() == "0") return "primary_rate_limit";
        return response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests ? "secondary_rate_limit" : "server_error";
    }

    private static bool IsRateLimited(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not null
        || (response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) && remaining.FirstOrDefault() == "0");

    /// <summary>The wait the response asks for (<c>Retry-After</c>, or until <c>x-ratelimit-reset</c>), or null for back-off.</summary>
    public static TimeSpan? HeaderDelay(HttpResponseMessage? response, TimeProvider time, TimeSpan maxDelay)
    {
        if (response is null) return null;
        var delay = RetryAfter(response, time) ?? UntilRateLimitReset(response, time);
        if (delay is null) return null;
        if (delay < TimeSpan.Zero) return TimeSpan.Zero;
        return delay > maxDelay ? maxDelay : delay;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };

    private static TimeSpan? UntilRateLimitReset(HttpResponseMessage response, TimeProvider time)
    {
        if (!response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) || remaining.FirstOrDefault() != "0") return null;
        if (!response.Headers.TryGetValues("x-ratelimit-reset", out var reset)) return null;
        return long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow()
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub answered {Status}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, TimeSpan delay);
}

/// <summary>
/// Paces one installation's requests by its <see cref="IRequestBudget"/>: each waits for its turn, and each response's
/// <c>x-ratelimit-remaining</c> that comes near the end of the primary budget is recorded for everyone who shares it.
/// </summary>
internal sealed class RequestPacer(IRequestBudget budget, long installationId) : DelegatingHandler
{
    private static readonly TimeSpan MeasurableWait = TimeSpan.FromMilliseconds(50);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var createsContent = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        await budget.WaitForTurnAsync(installationId, createsContent, cancellationToken).ConfigureAwait(false);
        var waited = System.Diagnostics.Stopwatch.GetElapsedTime(waiting);
        // A turn given at once is no wait; one that was held back is (the secondary limit's window, or a spent primary budget).
        if (waited >= MeasurableWait)
        {
            ReviewBotTelemetry.RateLimitWaits.Record(
                waited.TotalSeconds, new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.RateLimit, createsContent ? "secondary" : "primary"));
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (PrimaryOf(response) is { Remaining: <= PrimaryBudget.Watched } primary)
        {
            await budget.RecordPrimaryAsync(installationId, primary, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static PrimaryBudget? PrimaryOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining)
            || !int.TryParse(remaining.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
            || !response.Headers.TryGetValues("x-ratelimit-reset", out var reset)
            || !long.TryParse(reset.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        return new PrimaryBudget(left, DateTimeOffset.FromUnixTimeSeconds(epoch));
    }
}

/// <summary>Passes requests to a shared handler without ever disposing it.</summary>
internal sealed class SharedHandler(HttpMessageHandler shared) : DelegatingHandler(shared)
{
    protected override void Dispose(bool disposing)
    {
        // The shared handler outlives every chain built on it.
    }
}
