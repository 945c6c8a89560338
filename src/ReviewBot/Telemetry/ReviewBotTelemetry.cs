using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReviewBot.Telemetry;

/// <summary>
/// What <c>serve</c> tells operators: the one <see cref="ActivitySource"/> and <see cref="Meter"/> named
/// <see cref="Name"/>, and every instrument of it. OpenTelemetry (<c>Hosting/TelemetryHosting</c>) exports them; with
/// no listener, recording costs a check. Names follow OpenTelemetry's semantic conventions where one exists
/// (<c>http.client.request.duration</c>) and start with <c>reviewbot.</c> otherwise; durations are in seconds, so that
/// Prometheus sees <c>_seconds</c>. The README lists them with sample queries: keep the two in step.
/// </summary>
/// <remarks>
/// Static, as <see cref="System.Net.Http"/>'s own: one process runs one App. Attribute values are bounded sets (events,
/// outcomes, stages, categories, endpoint templates), never a delivery id or a repository: those go on traces.
/// </remarks>
internal static class ReviewBotTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "ReviewBot";

    public static readonly ActivitySource Activities = new(Name);

    public static readonly Meter Meter = new(Name);

    // Seconds: a job's stages take from milliseconds (publish) to minutes (a large fetch or analysis).
    private static readonly double[] ReviewBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600];

    // The semantic conventions' advice for http.*.request.duration.
    private static readonly double[] HttpBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary><c>reviewbot.webhook.deliveries</c>: deliveries answered, by <c>github.event</c> and <c>reviewbot.outcome</c>.</summary>
    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "reviewbot.webhook.deliveries", "{delivery}", "Webhook deliveries answered, by event and outcome (queued, redelivery, refused...).");

    /// <summary><c>reviewbot.review.duration</c>: a review job's attempt from claim to end, by <c>reviewbot.outcome</c>.</summary>
    public static readonly Histogram<double> ReviewDuration = Meter.CreateHistogram(
        "reviewbot.review.duration", "s", "A review attempt from its claim to its end, by outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReviewBuckets });

    /// <summary>
    /// <c>reviewbot.review.stage.duration</c>: one stage of a review attempt (<c>reviewbot.stage</c>: fetch, diff,
    /// analyze with <c>reviewbot.language</c>, publish).
    /// </summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram(
        "reviewbot.review.stage.duration", "s", "One stage of a review: fetch, diff, analyze (by language), publish.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReviewBuckets });

    /// <summary><c>reviewbot.findings</c>: findings of published reviews, by <c>reviewbot.category</c> and <c>reviewbot.language</c>.</summary>
    public static readonly Counter<long> Findings = Meter.CreateCounter<long>(
        "reviewbot.findings", "{finding}", "Findings of published reviews, by category and language.");

    /// <summary>
    /// <c>http.client.request.duration</c> of GitHub's REST API, one per attempt: <c>http.request.method</c>,
    /// <c>url.template</c> (the endpoint), <c>http.response.status_code</c> or <c>error.type</c>, <c>server.address</c>.
    /// </summary>
    public static readonly Histogram<double> GitHubRequestDuration = Meter.CreateHistogram(
        "http.client.request.duration", "s", "GitHub REST requests (each attempt), by method, endpoint and status.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HttpBuckets });

    /// <summary><c>reviewbot.github.retries</c>: GitHub requests retried, by <c>reviewbot.retry.reason</c>.</summary>
    public static readonly Counter<long> GitHubRetries = Meter.CreateCounter<long>(
        "reviewbot.github.retries", "{retry}", "GitHub requests retried, by reason (secondary_rate_limit, primary_rate_limit, server_error, network).");

    /// <summary>
    /// <c>reviewbot.github.rate_limit.wait.duration</c>: time a request waited for GitHub's limits, by
    /// <c>reviewbot.rate_limit</c> (secondary, primary).
    /// </summary>
    public static readonly Histogram<double> RateLimitWaits = Meter.CreateHistogram(
        "reviewbot.github.rate_limit.wait.duration", "s", "Waits for GitHub's rate limits before a request or a retry, by limit (secondary, primary).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ReviewBuckets });

    // The latest figure of each rate-limit resource GitHub reported (core, search, ...); a handful at most.
    private static readonly ConcurrentDictionary<string, int> RateLimitRemaining = new(StringComparer.Ordinal);
    private const int MaxRateLimitResources = 16;

    /// <summary>
    /// <c>reviewbot.github.rate_limit.remaining</c>: requests left of GitHub's primary rate limit as the latest response
    /// reported it, by <c>github.rate_limit.resource</c>.
    /// </summary>
    public static readonly ObservableGauge<int> GitHubRateLimitRemaining = Meter.CreateObservableGauge(
        "reviewbot.github.rate_limit.remaining",
        () => RateLimitRemaining.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>(Attributes.RateLimitResource, pair.Key))),
        "{request}",
        "Requests left of GitHub's primary rate limit, as the latest response reported it, by resource.");

    /// <summary>Keeps what a response said is left of <paramref name="resource"/>'s primary limit.</summary>
    public static void RecordRateLimitRemaining(string resource, int remaining)
    {
        if (RateLimitRemaining.Count < MaxRateLimitResources || RateLimitRemaining.ContainsKey(resource)) RateLimitRemaining[resource] = remaining;
    }

    private static Func<IReadOnlyList<QueueReading>>? s_queueProbe;

    /// <summary>
    /// <c>reviewbot.queue.depth</c>: reviews, commands and clean-ups in the job store by <c>reviewbot.queue</c> and
    /// <c>reviewbot.job.state</c> (queued, running); all replicas' on PostgreSQL.
    /// </summary>
    public static readonly ObservableUpDownCounter<long> QueueDepth = Meter.CreateObservableUpDownCounter(
        "reviewbot.queue.depth",
        () => ReadQueue().Select(level => new Measurement<long>(
            level.Count,
            new KeyValuePair<string, object?>(Attributes.QueueKind, level.Queue),
            new KeyValuePair<string, object?>(Attributes.JobState, level.State))),
        "{job}",
        "Reviews, commands and clean-ups in the job store, by queue and state (queued, running).");

    /// <summary><c>reviewbot.queue.oldest_job.age</c>: how long the oldest queued entry of each <c>reviewbot.queue</c> has waited (0 when none).</summary>
    public static readonly ObservableGauge<double> QueueOldestAge = Meter.CreateObservableGauge(
        "reviewbot.queue.oldest_job.age",
        () => ReadQueue().Where(level => level.State == "queued").Select(level => new Measurement<double>(
            level.OldestAgeSeconds, new KeyValuePair<string, object?>(Attributes.QueueKind, level.Queue))),
        "s",
        "How long the oldest queued review, command or clean-up has waited, by queue.");

    /// <summary>Where the queue gauges read from: the process's job store (<c>Jobs/QueueGauges</c>), or null.</summary>
    public static void ObserveQueue(Func<IReadOnlyList<QueueReading>>? probe) => s_queueProbe = probe;

    private static IReadOnlyList<QueueReading> ReadQueue() => s_queueProbe?.Invoke() ?? [];

    /// <summary>Attribute names, as the semantic conventions spell them where they have one.</summary>
    public static class Attributes
    {
        public const string Event = "github.event";
        public const string Outcome = "reviewbot.outcome";
        public const string Stage = "reviewbot.stage";
        public const string Language = "reviewbot.language";
        public const string Category = "reviewbot.category";
        public const string RetryReason = "reviewbot.retry.reason";
        public const string RateLimit = "reviewbot.rate_limit";
        public const string RateLimitResource = "github.rate_limit.resource";
        public const string QueueKind = "reviewbot.queue";
        public const string JobState = "reviewbot.job.state";
        public const string Method = "http.request.method";
        public const string UrlTemplate = "url.template";
        public const string StatusCode = "http.response.status_code";
        public const string ErrorType = "error.type";
        public const string ServerAddress = "server.address";

        // On spans only: unbounded values.
        public const string Delivery = "github.delivery";
        public const string Repository = "github.repository";
        public const string PullRequest = "github.pull_request.number";
        public const string HeadSha = "github.head_sha";
        public const string Job = "reviewbot.job.id";
    }
}

/// <summary>One queue's entries in one state, and how long the oldest has waited.</summary>
internal readonly record struct QueueReading(string Queue, string State, long Count, double OldestAgeSeconds);
