using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.CheckRun;
using Octokit.Webhooks.Events.CheckSuite;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.Installation;
using Octokit.Webhooks.Events.InstallationRepositories;
using ReviewBot.Jobs;

namespace ReviewBot.Webhooks;

/// <summary>
/// Turns verified deliveries into queued review jobs, and does nothing else: Octokit.Webhooks runs this inside the
/// HTTP request (GitHub gives up after 10 s), so it makes no git or GitHub call. The delivery is written to the durable
/// queue before the response, which is then 202.
/// </summary>
/// <remarks>
/// Slash commands (<c>issue_comment</c>) are queued as a <see cref="CommandRequest"/>: the payload lacks the head sha
/// and the permission of the author may need the API, so the worker resolves both. Re-runs (<c>check_run</c> of ours
/// and <c>check_suite</c> <c>rerequested</c>) carry the head and the pull request: they queue a review directly.
/// <c>pull_request</c> <c>closed</c> cancels the pull request's queued and running work.
/// </remarks>
internal sealed partial class ReviewBotWebhookProcessor : WebhookEventProcessor
{
    // The outcome of the delivery being processed: Octokit.Webhooks dispatches to the overrides below and returns
    // nothing, so each override leaves its outcome here for ProcessAsync to return. Async-local: one per delivery.
    private static readonly AsyncLocal<StrongBox<DeliveryOutcome>?> CurrentOutcome = new();

    // The events this processor acts on, with the actions that matter (null: every action). Everything else is
    // acknowledged by the intake without being deserialized.
    private static readonly Dictionary<string, string[]?> HandledActions = new(StringComparer.Ordinal)
    {
        ["pull_request"] = ["opened", "reopened", "synchronize", "ready_for_review", "closed"],
        ["issue_comment"] = ["created"],
        ["check_run"] = ["rerequested"],
        ["check_suite"] = ["rerequested"],
        ["installation"] = null,
        ["installation_repositories"] = null,
    };

    private readonly IDeliveryLog _deliveries;
    private readonly IJobNotifier _notifier;
    private readonly long _appId;
    private readonly ILogger<ReviewBotWebhookProcessor> _logger;

    public ReviewBotWebhookProcessor(
        IDeliveryLog deliveries,
        IJobNotifier notifier,
        IOptions<GitHub.GitHubAppOptions> github,
        ILogger<ReviewBotWebhookProcessor> logger)
    {
        _appId = github.Value.AppId;
        _deliveries = deliveries;
        _notifier = notifier;
        _logger = logger;
    }

    /// <summary>A <c>pull_request</c> delivery, read as <see cref="PullRequestDelivery"/>: only the fields routing needs.</summary>
    private async Task ProcessPullRequestAsync(WebhookHeaders headers, PullRequestDelivery delivery)
    {
        var wire = delivery.Action ?? "";
        var pull = delivery.PullRequest ?? throw new WebhookPayloadException("pull_request payload has no pull_request.");
        var reviewable = wire is "opened" or "reopened" or "synchronize" or "ready_for_review";
        if (wire == "closed" && delivery.Repository is { } closedIn)
        {
            await RecordClosedAsync(headers, closedIn.Id, PullNumber(pull.Number, "pull_request")).ConfigureAwait(false);
            return;
        }

        if (!reviewable)
        {
            LogIgnored(_logger, headers.Delivery ?? "", "pull_request", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        var repository = delivery.Repository
            ?? throw new WebhookPayloadException("pull_request payload has no repository.");
        var installation = delivery.Installation?.Id
            ?? throw new WebhookPayloadException("pull_request payload has no installation: the delivery is not from a GitHub App installation.");
        var headSha = pull.Head?.Sha;
        if (string.IsNullOrWhiteSpace(headSha) || pull.Base?.Ref is not { } baseRef || string.IsNullOrWhiteSpace(baseRef))
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
            repository.Name ?? "",
            PullNumber(pull.Number, "pull_request"),
            headSha,
            baseRef,
            repository.CloneUrl,
            string.IsNullOrWhiteSpace(repository.DefaultBranch) ? baseRef : repository.DefaultBranch,
            "pull_request." + wire,
            Draft: pull.Draft == true && wire != "ready_for_review",
            UpdatedAt: pull.UpdatedAt);
        await RecordAsync(headers, "pull_request", request).ConfigureAwait(false);
    }

    protected override async ValueTask ProcessIssueCommentWebhookAsync(
        WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        var comment = issueCommentEvent.Comment;
        var delivery = headers.Delivery ?? "";
        if (wire != "created" || issueCommentEvent.Issue?.PullRequest is null || comment is null)
        {
            LogIgnored(_logger, delivery, "issue_comment", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        // Bots (ReviewBot itself among them) never run commands: no loops between apps.
        if (IsBot(issueCommentEvent.Sender) || IsBot(comment.User) || comment.PerformedViaGithubApp is not null)
        {
            LogIgnoredBot(_logger, delivery, comment.User?.Login ?? issueCommentEvent.Sender?.Login ?? "");
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        if (SlashCommands.Parse(comment.Body) is not { } command)
        {
            LogIgnored(_logger, delivery, "issue_comment", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        var (installation, owner, cloneUrl, repository) = Locate(issueCommentEvent.Installation, issueCommentEvent.Repository, "issue_comment");
        if (string.IsNullOrWhiteSpace(delivery)) throw new WebhookPayloadException("X-GitHub-Delivery header is missing.");
        var number = PullNumber(issueCommentEvent.Issue.Number, "issue_comment");
        var request = new CommandRequest(
            installation,
            repository.Id,
            owner,
            repository.Name,
            number,
            cloneUrl,
            string.IsNullOrWhiteSpace(repository.DefaultBranch) ? "main" : repository.DefaultBranch,
            comment.Id,
            comment.User?.Login ?? issueCommentEvent.Sender?.Login ?? "",
            comment.AuthorAssociation?.StringValue ?? "NONE",
            command,
            delivery,
            DeliveryTrace.Describe(owner, repository.Name, number));
        using var scope = _logger.BeginScope(new DeliveryScope(null, owner + "/" + repository.Name, request.PullNumber));
        // Not the request's abort token: once GitHub has sent the delivery, recording it must not be cut half-way.
        var outcome = await _deliveries.RecordCommandAsync(delivery, "issue_comment", request, CancellationToken.None).ConfigureAwait(false);
        if (outcome == DeliveryOutcome.CommandQueued) _notifier.NotifyQueued();
        LogCommand(_logger, delivery, command, owner, repository.Name, request.PullNumber, outcome);
        SetOutcome(outcome);
    }

    protected override async ValueTask ProcessCheckRunWebhookAsync(
        WebhookHeaders headers, CheckRunEvent checkRunEvent, CheckRunAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        var run = checkRunEvent.CheckRun;
        if (wire != "rerequested" || run is null)
        {
            LogIgnored(_logger, headers.Delivery ?? "", "check_run", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        if (run.App?.Id != _appId)
        {
            LogNotOurs(_logger, headers.Delivery ?? "", "check_run", run.App?.Id ?? 0);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        await RecordRerunAsync(headers, "check_run", checkRunEvent.Installation, checkRunEvent.Repository, run.HeadSha, run.PullRequests).ConfigureAwait(false);
    }

    protected override async ValueTask ProcessCheckSuiteWebhookAsync(
        WebhookHeaders headers, CheckSuiteEvent checkSuiteEvent, CheckSuiteAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        var suite = checkSuiteEvent.CheckSuite;
        // "requested" comes with every push; the pull_request event of the same head (opened, synchronize) reviews it.
        if (wire != "rerequested" || suite is null)
        {
            LogIgnored(_logger, headers.Delivery ?? "", "check_suite", wire);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        if (suite.App is { } app && app.Id != _appId)
        {
            LogNotOurs(_logger, headers.Delivery ?? "", "check_suite", app.Id);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        await RecordRerunAsync(headers, "check_suite", checkSuiteEvent.Installation, checkSuiteEvent.Repository, suite.HeadSha, suite.PullRequests).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a review of <paramref name="headSha"/> for each open pull request of the repository whose head it still
    /// is (a re-run of an outdated head would supersede the review of the current one).
    /// </summary>
    private async Task RecordRerunAsync(
        WebhookHeaders headers,
        string eventName,
        Octokit.Webhooks.Models.InstallationLite? installationLite,
        Octokit.Webhooks.Models.Repository? repositoryModel,
        string? headSha,
        IReadOnlyList<Octokit.Webhooks.Models.CheckRunEvent.CheckRunPullRequest>? pulls)
    {
        var (installation, owner, cloneUrl, repository) = Locate(installationLite, repositoryModel, eventName);
        if (string.IsNullOrWhiteSpace(headSha)) throw new WebhookPayloadException($"{eventName} payload lacks the head sha.");
        var matching = (pulls ?? []).Where(p => p.Head?.Sha == headSha && p.Base?.Repo?.Id == repository.Id && !string.IsNullOrEmpty(p.Base.Ref)).ToList();
        if (matching.Count == 0)
        {
            // GitHub lists only pull requests of the same repository whose head is this commit (never forks).
            LogNoPullRequest(_logger, headers.Delivery ?? "", eventName, headSha);
            SetOutcome(DeliveryOutcome.Ignored);
            return;
        }

        for (var i = 0; i < matching.Count; i++)
        {
            var pull = matching[i];
            var request = new ReviewRequest(
                installation,
                repository.Id,
                owner,
                repository.Name,
                PullNumber(pull.Number, eventName),
                headSha,
                pull.Base.Ref,
                cloneUrl,
                string.IsNullOrWhiteSpace(repository.DefaultBranch) ? pull.Base.Ref : repository.DefaultBranch,
                eventName + ".rerequested");
            await RecordAsync(headers, eventName, request, i == 0 ? null : "#" + pull.Number).ConfigureAwait(false);
        }
    }

    private async Task RecordClosedAsync(WebhookHeaders headers, long repositoryId, int number)
    {
        var delivery = headers.Delivery;
        if (string.IsNullOrWhiteSpace(delivery)) throw new WebhookPayloadException("X-GitHub-Delivery header is missing.");
        var cancelled = await _deliveries.RecordClosedAsync(delivery, "pull_request", repositoryId, number, CancellationToken.None).ConfigureAwait(false);
        if (cancelled is null)
        {
            SetOutcome(DeliveryOutcome.Redelivery);
            return;
        }

        _notifier.NotifyCancelled(cancelled);
        LogClosed(_logger, delivery, repositoryId, number, cancelled.Count);
        SetOutcome(DeliveryOutcome.Cancelled);
    }

    private static (long Installation, string Owner, string CloneUrl, Octokit.Webhooks.Models.Repository Repository) Locate(
        Octokit.Webhooks.Models.InstallationLite? installation, Octokit.Webhooks.Models.Repository? repository, string eventName)
    {
        if (repository is null) throw new WebhookPayloadException($"{eventName} payload has no repository.");
        if (installation is null)
        {
            throw new WebhookPayloadException($"{eventName} payload has no installation: the delivery is not from a GitHub App installation.");
        }

        if (repository.CloneUrl is not { Length: > 0 } cloneUrl || repository.Owner?.Login is not { Length: > 0 } owner)
        {
            throw new WebhookPayloadException($"{eventName} payload lacks repository.clone_url or repository.owner.login.");
        }

        return (installation.Id, owner, cloneUrl, repository);
    }

    /// <summary>Whether any action of <paramref name="eventName"/> may need this processor.</summary>
    public static bool HandlesEvent(string eventName) => HandledActions.ContainsKey(eventName);

    /// <summary>Whether <paramref name="eventName"/> with <paramref name="action"/> (the payload's top-level field) needs this processor.</summary>
    public static bool Handles(string eventName, string? action) =>
        HandledActions.TryGetValue(eventName, out var actions) && (actions is null || (action is not null && actions.Contains(action)));

    /// <summary>Pull request numbers are 32-bit in the queue and in GitHub's API; a payload outside that range is refused (400).</summary>
    private static int PullNumber(long number, string eventName) =>
        number is > 0 and <= int.MaxValue
            ? (int)number
            : throw new WebhookPayloadException($"{eventName} payload has the pull request number {number}, outside 1..{int.MaxValue}.");

    private static bool IsBot(Octokit.Webhooks.Models.User? user) =>
        user is not null && (user.Type?.StringValue == "Bot" || user.Login?.EndsWith("[bot]", StringComparison.Ordinal) == true);

    protected override async ValueTask ProcessInstallationWebhookAsync(
        WebhookHeaders headers, InstallationEvent installationEvent, InstallationAction action, CancellationToken cancellationToken = default)
    {
        var wire = (string)action;
        LogInstallation(_logger, installationEvent.Installation.Id, wire);
        if (wire is "deleted" or "suspend")
        {
            var repositories = installationEvent.Repositories?.Select(r => r.Id).ToList() ?? [];
            await RecordRemovedAsync(headers, "installation", installationEvent.Installation.Id, repositories).ConfigureAwait(false);
        }

        // Answered 200 as before: GitHub does not read the code, and nothing here reviews.
        SetOutcome(DeliveryOutcome.Ignored);
    }

    protected override async ValueTask ProcessInstallationRepositoriesWebhookAsync(
        WebhookHeaders headers,
        InstallationRepositoriesEvent installationRepositoriesEvent,
        InstallationRepositoriesAction action,
        CancellationToken cancellationToken = default)
    {
        var removed = installationRepositoriesEvent.RepositoriesRemoved?.Select(r => r.Id).ToList() ?? [];
        var added = installationRepositoriesEvent.RepositoriesAdded?.Count ?? 0;
        LogInstallationRepositories(_logger, installationRepositoriesEvent.Installation.Id, (string)action, added, removed.Count);
        if (removed.Count > 0) await RecordRemovedAsync(headers, "installation_repositories", null, removed).ConfigureAwait(false);
        SetOutcome(DeliveryOutcome.Ignored);
    }

    /// <summary>Cancels the removed repositories' work and queues the clean-up of what the App holds for them.</summary>
    private async Task RecordRemovedAsync(WebhookHeaders headers, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds)
    {
        var delivery = headers.Delivery;
        if (string.IsNullOrWhiteSpace(delivery)) throw new WebhookPayloadException("X-GitHub-Delivery header is missing.");
        var cancelled = await _deliveries.RecordRepositoriesRemovedAsync(delivery, eventName, installationId, repositoryIds, CancellationToken.None).ConfigureAwait(false);
        if (cancelled is null) return;
        _notifier.NotifyCancelled(cancelled);
        _notifier.NotifyQueued();
    }

    /// <summary>Writes the delivery and its job to the queue (before the response) and wakes the workers.</summary>
    private async Task RecordAsync(WebhookHeaders headers, string eventName, ReviewRequest request, string? deliverySuffix = null)
    {
        var delivery = headers.Delivery;
        if (string.IsNullOrWhiteSpace(delivery)) throw new WebhookPayloadException("X-GitHub-Delivery header is missing.");
        delivery += deliverySuffix;
        request = request with { Delivery = delivery, TraceParent = DeliveryTrace.Describe(request.Owner, request.Name, request.PullNumber) };
        // Inside the intake's scope of the delivery: the pull request is known from here on.
        using var scope = _logger.BeginScope(new DeliveryScope(null, request.Owner + "/" + request.Name, request.PullNumber));

        // Not the request's abort token: once GitHub has sent the delivery, recording it must not be cut half-way.
        var result = await _deliveries.RecordReviewAsync(delivery, eventName, request, CancellationToken.None).ConfigureAwait(false);
        if (result.Superseded.Count > 0)
        {
            _notifier.NotifyCancelled(result.Superseded);
            LogSuperseded(_logger, request.Owner, request.Name, request.PullNumber, result.Superseded.Count);
        }

        if (result.Outcome == DeliveryOutcome.Queued) _notifier.NotifyQueued();
        LogRecorded(_logger, delivery, request.Trigger, request.Owner, request.Name, request.PullNumber, result.Outcome);
        SetOutcome(result.Outcome);
    }

    /// <summary>Processes one verified delivery of an event this processor handles; returns what was done with it.</summary>
    /// <remarks>
    /// <c>pull_request</c>, most deliveries by far, is read as <see cref="PullRequestDelivery"/>; the other events as
    /// Octokit.Webhooks' models.
    /// </remarks>
    public async Task<DeliveryOutcome> ProcessAsync(IDictionary<string, StringValues> headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var outcome = new StrongBox<DeliveryOutcome>(DeliveryOutcome.Ignored);
        CurrentOutcome.Value = outcome;
        try
        {
            var parsed = WebhookHeaders.Parse(headers);
            if (parsed.Event == "pull_request") await ProcessPullRequestAsync(parsed, PullRequestDelivery.Parse(body.Span)).ConfigureAwait(false);
            else await ProcessWebhookAsync(headers, Encoding.UTF8.GetString(body.Span), cancellationToken).ConfigureAwait(false);
            return outcome.Value;
        }
        finally
        {
            CurrentOutcome.Value = null;
        }
    }

    private static void SetOutcome(DeliveryOutcome outcome)
    {
        if (CurrentOutcome.Value is { } current) current.Value = outcome;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Delivery}: {Event}.{Action} needs no review")]
    private static partial void LogIgnored(ILogger logger, string delivery, string @event, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {Delivery}: {Trigger} on {Owner}/{Name}#{Number}: {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string delivery, string trigger, string owner, string name, int number, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Delivery}: a comment by a bot ({Login}); bots do not run commands")]
    private static partial void LogIgnoredBot(ILogger logger, string delivery, string login);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {Delivery}: /reviewbot {Command} on {Owner}/{Name}#{Number}: {Outcome}")]
    private static partial void LogCommand(ILogger logger, string delivery, string command, string owner, string name, int number, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Delivery}: {Event} of another app ({OtherAppId}); ignored")]
    private static partial void LogNotOurs(ILogger logger, string delivery, string @event, long otherAppId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {Delivery}: {Event} re-run of {HeadSha}, which is the head of no open pull request of the repository; ignored")]
    private static partial void LogNoPullRequest(ILogger logger, string delivery, string @event, string headSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {Delivery}: pull request {RepositoryId}#{Number} closed; {Count} job(s) cancelled")]
    private static partial void LogClosed(ILogger logger, string delivery, long repositoryId, int number, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: a newer head superseded {Count} job(s)")]
    private static partial void LogSuperseded(ILogger logger, string owner, string name, int number, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installation {InstallationId}: {Action}")]
    private static partial void LogInstallation(ILogger logger, long installationId, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installation {InstallationId}: repositories {Action} ({Added} added, {Removed} removed)")]
    private static partial void LogInstallationRepositories(ILogger logger, long installationId, string action, int added, int removed);
}

/// <summary>A verified delivery that lacks what a review needs; answered with 400 and the reason.</summary>
internal sealed class WebhookPayloadException(string reason) : Exception(reason);
