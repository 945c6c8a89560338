using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub;
using ReviewBot.Hosting;
using ReviewBot.Jobs;

namespace ReviewBot.Webhooks;

/// <summary>
/// Does at start-up what the first delivery would otherwise pay for (measured: half a second of a fresh process's first
/// acknowledgement): a signed <c>pull_request</c> and a <c>/reviewbot</c> comment go through an intake and processor of
/// their own that record nothing (building the JSON deserializer of GitHub's event types is most of it), before the
/// server listens; once it listens, one <c>GET /healthz</c> to itself readies the server's own request path and the
/// store's reads.
/// </summary>
/// <remarks>
/// The payloads are GitHub's example events (<c>Webhooks/WarmUp</c>, embedded). A warm-up that fails is logged and
/// changes nothing else: it only saves time.
/// </remarks>
internal sealed partial class WebhookWarmUp(
    IOptions<GitHubAppOptions> github,
    IOptions<WebhookOptions> webhooks,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookWarmUp> logger) : IHostedService
{
    private static readonly (string Event, string Resource)[] Deliveries =
    [
        ("pull_request", "ReviewBot.Webhooks.WarmUp.pull_request.json"),
        ("issue_comment", "ReviewBot.Webhooks.WarmUp.issue_comment.json"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var processor = new ReviewBotWebhookProcessor(new RecordsNothing(), new InProcessJobNotifier(), github, NullLogger<ReviewBotWebhookProcessor>.Instance);
            var intake = new WebhookIntake(processor, github, webhooks, storage, time, NullLogger<WebhookIntake>.Instance);
            var secret = Encoding.UTF8.GetBytes(github.Value.WebhookSecret ?? "");
            foreach (var (eventName, resource) in Deliveries)
            {
                await intake.HandleAsync(SignedDelivery(eventName, Payload(resource), secret)).ConfigureAwait(false);
            }

            LogWarmedUp(logger, watch.ElapsedMilliseconds);
        }
#pragma warning disable CA1031 // Only time is at stake: the first delivery would do the same work.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWarmUpFailed(logger, e.GetType().Name);
        }

        lifetime.ApplicationStarted.Register(() => _ = ReadyServerAsync());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static byte[] Payload(string resource)
    {
        using var stream = typeof(WebhookWarmUp).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The warm-up payload {resource} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static DefaultHttpContext SignedDelivery(string eventName, byte[] body, byte[] secret)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = ServeHosting.WebhookPath;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers["X-GitHub-Event"] = eventName;
        context.Request.Headers["X-GitHub-Delivery"] = "warm-up";
        context.Request.Headers["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
        context.Request.Body = new MemoryStream(body);
        return context;
    }

    /// <summary>One request to the server's own health endpoint, on the address it listens on.</summary>
    private async Task ReadyServerAsync()
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address) return;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var local = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal))
            {
                Path = ServeHosting.HealthPath,
            };
            if (local.Host is "0.0.0.0" or "[::]") local.Host = "localhost";
            using var response = await http.GetAsync(local.Uri, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Only time is at stake.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWarmUpFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>A delivery log that records nothing: the warm-up's deliveries are not GitHub's.</summary>
    private sealed class RecordsNothing : IDeliveryLog
    {
        public Task<EnqueueResult> RecordReviewAsync(string deliveryId, string eventName, ReviewRequest? request, CancellationToken cancellationToken) =>
            Task.FromResult(new EnqueueResult(DeliveryOutcome.Ignored, null, []));

        public Task<DeliveryOutcome> RecordCommandAsync(string deliveryId, string eventName, CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryOutcome.Ignored);

        public Task<IReadOnlyList<long>?> RecordClosedAsync(string deliveryId, string eventName, long repositoryId, int pullNumber, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<long>?>(null);

        public Task<IReadOnlyList<long>?> RecordRepositoriesRemovedAsync(
            string deliveryId, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<long>?>(null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook intake warmed up in {Milliseconds} ms")]
    private static partial void LogWarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A start-up warm-up step failed ({Error}); the first delivery will be slower")]
    private static partial void LogWarmUpFailed(ILogger logger, string error);
}
