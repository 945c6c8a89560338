using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub;
using ReviewBot.Jobs;

namespace ReviewBot.Webhooks;

/// <summary>
/// Does at start-up what the first delivery would otherwise pay for (measured: half a second of a fresh process's first
/// acknowledgement): a signed <c>pull_request</c> and a <c>/reviewbot</c> comment go through an intake and processor of
/// their own that record nothing (building the JSON deserializer of GitHub's event types is most of it), before the
/// server listens (<see cref="Hosting.ServeHosting"/> then asks its own <c>/healthz</c> once).
/// </summary>
/// <remarks>
/// The payloads (<c>Webhooks/WarmUp.*.json</c>, embedded) are GitHub's example events from
/// <c>@octokit/webhooks-examples</c> 7.6.1 (MIT licence, the octokit/webhooks project): <c>pull_request/opened.2.json</c>
/// unchanged, and <c>issue_comment/created.1.json</c> with an <c>issue.pull_request</c> object, the body
/// <c>/reviewbot help</c> and an installation, so that it takes the path of a command. A warm-up that fails is logged
/// and changes nothing else: it only saves time.
/// </remarks>
internal sealed partial class WebhookWarmUp(
    IOptions<GitHubAppOptions> github,
    IOptions<WebhookOptions> webhooks,
    IOptions<StorageOptions> storage,
    TimeProvider time,
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
            var intake = new WebhookIntake(processor, github, webhooks, storage, time, NullLogger<WebhookIntake>.Instance) { CountsDeliveries = false };
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

    /// <summary>A delivery signed with <paramref name="secret"/>, as an in-memory request the intake can handle.</summary>
    internal static DefaultHttpContext SignedDelivery(string eventName, byte[] body, byte[] secret)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers["X-GitHub-Event"] = eventName;
        context.Request.Headers["X-GitHub-Delivery"] = "warm-up";
        context.Request.Headers["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
        context.Request.Body = new MemoryStream(body);
        return context;
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
    internal static partial void LogWarmUpFailed(ILogger logger, string error);
}
