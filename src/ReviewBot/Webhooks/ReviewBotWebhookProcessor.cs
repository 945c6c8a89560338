using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.Installation;
using Octokit.Webhooks.Events.InstallationRepositories;
using Octokit.Webhooks.Events.PullRequest;
using ReviewBot.Jobs;

namespace ReviewBot.Webhooks;

/// <summary>
/// Turns verified deliveries into queued review jobs, and does nothing else: Octokit.Webhooks runs this inside the
/// HTTP request (GitHub gives up after 10 s), so it makes no git or GitHub call. The delivery is written to the durable
/// queue before the response, which is then 202.
/// </summary>
/// <remarks>
/// Slash commands (<c>issue_comment</c>) and re-runs (<c>check_run</c>/<c>check_suite</c> <c>rerequested</c>) belong
/// here too: each is an override that maps its event to a <see cref="ReviewRequest"/> and calls
/// <see cref="RecordAsync"/>, and the worker reviews it like any other trigger.
/// </remarks>
internal sealed partial class ReviewBotWebhookProcessor : WebhookEventProcessor
{
    /// <summary>The <see cref="HttpContext.Items"/> key under which the outcome of a delivery is left for the endpoint.</summary>
    public const string OutcomeItem = "reviewbot.delivery-outcome";

    private readonly JobStore _jobs;
    private readonly JobSignals _signals;
    private readonly RepositoryStateCleaner _cleaner;
    private readonly IHttpContextAccessor _http;
    private readonly ILogger<ReviewBotWebhookProcessor> _logger;

    public ReviewBotWebhookProcessor(
        JobStore jobs,
        JobSignals signals,
        RepositoryStateCleaner cleaner,
        IHttpContextAccessor http,
        ILogger<ReviewBotWebhookProcessor> logger)
    {
        _jobs = jobs;
        _signals = signals;
        _cleaner = cleaner;
        _http = http;
        _logger = logger;
    }

    protected override async ValueTask ProcessPullRequestWebhookAsync(
        WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        var pull = pullRequestEvent.PullRequest;
        var reviewable = wire is "opened" or "reopened" or "synchronize" or "ready_for_review";
        if (!reviewable)
        {
            LogIgnored(_logger, headers.Delivery ?? "", "pull_request", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        var repository = pullRequestEvent.Repository
            ?? throw new WebhookPayloadException("pull_request payload has no repository.");
        var installation = pullRequestEvent.Installation?.Id
            ?? throw new WebhookPayloadException("pull_request payload has no installation: the delivery is not from a GitHub App installation.");
        var headSha = pull.Head?.Sha;
        if (string.IsNullOrWhiteSpace(headSha) || string.IsNullOrWhiteSpace(pull.Base?.Ref))
        {
            throw new WebhookPayloadException("pull_request payload lacks pull_request.head.sha or pull_request.base.ref.");
        }

        if (string.IsNullOrWhiteSpace(repository.CloneUrl) || repository.Owner?.Login is not { Length: > 0 } owner)
        {
            throw new WebhookPayloadException("pull_request payload lacks repository.clone_url or repository.owner.login.");
        }

        var request = new ReviewRequest(
            installation,
            repository.Id,
            owner,
            repository.Name,
            checked((int)pull.Number),
            headSha,
            pull.Base!.Ref,
            repository.CloneUrl,
            string.IsNullOrWhiteSpace(repository.DefaultBranch) ? pull.Base.Ref : repository.DefaultBranch,
            "pull_request." + wire,
            Draft: pull.Draft == true && wire != "ready_for_review");
        await RecordAsync(headers, "pull_request", request).ConfigureAwait(false);
    }

    protected override ValueTask ProcessInstallationWebhookAsync(
        WebhookHeaders headers, InstallationEvent installationEvent, InstallationAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        LogInstallation(_logger, installationEvent.Installation.Id, wire);
        if (wire is "deleted" or "suspend")
        {
            var repositories = installationEvent.Repositories?.Select(r => r.Id).ToList() ?? [];
            _cleaner.Forget(installationEvent.Installation.Id, repositories);
        }

        SetOutcome(DeliveryOutcome.Ignored);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ProcessInstallationRepositoriesWebhookAsync(
        WebhookHeaders headers,
        InstallationRepositoriesEvent installationRepositoriesEvent,
        InstallationRepositoriesAction action,
        CancellationToken cancellationToken = default)
    {
        var removed = installationRepositoriesEvent.RepositoriesRemoved?.Select(r => r.Id).ToList() ?? [];
        var added = installationRepositoriesEvent.RepositoriesAdded?.Count ?? 0;
        LogInstallationRepositories(_logger, installationRepositoriesEvent.Installation.Id, (string)action, added, removed.Count);
        if (removed.Count > 0) _cleaner.Forget(null, removed);
        SetOutcome(DeliveryOutcome.Ignored);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the delivery and its job to the queue (before the response) and wakes the workers.</summary>
    private async Task RecordAsync(WebhookHeaders headers, string eventName, ReviewRequest request)
    {
        var delivery = headers.Delivery;
        if (string.IsNullOrWhiteSpace(delivery)) throw new WebhookPayloadException("X-GitHub-Delivery header is missing.");

        // Not the request's abort token: once GitHub has sent the delivery, recording it must not be cut half-way.
        var result = await _jobs.RecordDeliveryAsync(delivery, eventName, request, CancellationToken.None).ConfigureAwait(false);
        if (result.Superseded.Count > 0)
        {
            _signals.Cancel(result.Superseded);
            LogSuperseded(_logger, request.Owner, request.Name, request.PullNumber, result.Superseded.Count);
        }

        if (result.Outcome == DeliveryOutcome.Queued) _signals.NotifyQueued();
        LogRecorded(_logger, delivery, request.Trigger, request.Owner, request.Name, request.PullNumber, result.Outcome);
        SetOutcome(result.Outcome);
    }

    private void SetOutcome(DeliveryOutcome outcome)
    {
        if (_http.HttpContext is { } context) context.Items[OutcomeItem] = outcome;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Delivery}: {Event}.{Action} needs no review")]
    private static partial void LogIgnored(ILogger logger, string delivery, string @event, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {Delivery}: {Trigger} on {Owner}/{Name}#{Number}: {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string delivery, string trigger, string owner, string name, int number, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: a newer head superseded {Count} job(s)")]
    private static partial void LogSuperseded(ILogger logger, string owner, string name, int number, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installation {InstallationId}: {Action}")]
    private static partial void LogInstallation(ILogger logger, long installationId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installation {InstallationId}: repositories {Action} ({Added} added, {Removed} removed)")]
    private static partial void LogInstallationRepositories(ILogger logger, long installationId, string action, int added, int removed);
}

/// <summary>A verified delivery that lacks what a review needs; answered with 400 and the reason.</summary>
internal sealed class WebhookPayloadException(string reason) : Exception(reason);
