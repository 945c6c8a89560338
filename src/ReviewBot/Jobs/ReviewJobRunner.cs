using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Review;
using ReviewBot.Git;
using ReviewBot.GitHub;

namespace ReviewBot.Jobs;

/// <summary>
/// Runs one claimed review job: review (check run in progress, the pull request fetched into the cache, the same
/// <see cref="ReviewOrchestrator"/> as <c>reviewbot review</c> with <c>.reviewbot.yml</c> from the default branch), then
/// publish through <see cref="IReviewPublisher"/>, unless a newer head superseded the job meanwhile. Git stays in
/// <c>Git/</c> and GitHub behind the publisher's interfaces.
/// </summary>
internal sealed partial class ReviewJobRunner
{
    private readonly IReviewQueue _jobs;
    private readonly IJobNotifier _notifier;
    private readonly GitHubClients _clients;
    private readonly RepositoryCache _cache;
    private readonly IReviewPublisher _publisher;
    private readonly IPullRequestConversation _conversation;
    private readonly ReviewOrchestrator _orchestrator;
    private readonly RepositoryContents _contents;
    private readonly JobThreads _threads;
    private readonly AnalysisProcess? _analysis;
    private readonly JobOptions _options;
    private readonly ILogger<ReviewJobRunner> _logger;

    public ReviewJobRunner(
        IReviewQueue jobs,
        IJobNotifier notifier,
        GitHubClients clients,
        RepositoryCache cache,
        IReviewPublisher publisher,
        IPullRequestConversation conversation,
        AnalyzerRegistry registry,
        JobThreads threads,
        IOptions<JobOptions> options,
        ILogger<ReviewJobRunner> logger,
        AnalysisProcess? analysis = null)
    {
        _analysis = analysis;
        _options = options.Value;
        _jobs = jobs;
        _notifier = notifier;
        _clients = clients;
        _cache = cache;
        _publisher = publisher;
        _conversation = conversation;
        _orchestrator = new ReviewOrchestrator(registry);
        _contents = new RepositoryContents(clients);
        _threads = threads;
        _logger = logger;
    }

    public static PublishTarget TargetOf(ReviewJob job) =>
        new(job.Request.InstallationId, job.Request.Owner, job.Request.Name, job.Request.PullNumber, job.Request.HeadSha);

    /// <summary>
    /// Reviews and publishes; returns false when the job was superseded before publishing. A draft whose repository
    /// does not ask for draft reviews is left alone (true, nothing published).
    /// </summary>
    public async Task<bool> RunAsync(ReviewJob job, CancellationToken cancellationToken)
    {
        var review = await ReviewAsync(job, cancellationToken).ConfigureAwait(false);
        if (review.Result is not { } result) return review.Done;
        var request = job.Request;
        if (!await _jobs.IsCurrentAsync(job.Id, CancellationToken.None).ConfigureAwait(false))
        {
            LogStale(_logger, request.Owner, request.Name, request.PullNumber, request.HeadSha);
            return false;
        }

        await ReviewTelemetry.RunStageAsync(ReviewTelemetry.Publish, () => PublishAsync(job, review.CheckRunId, result, cancellationToken)).ConfigureAwait(false);
        ReviewTelemetry.RecordFindings(result);
        return true;
    }

    /// <summary>
    /// The review of the job's head: its check run started, the pull request fetched into the cache, the settings of the
    /// default branch, then the orchestrator (here or in the analysis process). No result when the job is superseded
    /// (<see cref="Reviewed.Done"/> false) or a draft is skipped (true).
    /// </summary>
    private async Task<Reviewed> ReviewAsync(ReviewJob job, CancellationToken cancellationToken)
    {
        var request = job.Request;
        long? checkRunId = null;
        if (!request.Draft || _options.ReviewDrafts)
        {
            checkRunId = await StartCheckRunAsync(job, cancellationToken).ConfigureAwait(false);
        }

        var token = await _clients.GetInstallationTokenAsync(request.InstallationId, cancellationToken).ConfigureAwait(false);
        var path = await ReviewTelemetry.RunStageAsync(
            ReviewTelemetry.Fetch,
            () => _cache.FetchAsync(request.RepositoryId, new Uri(request.CloneUrl), token, request.PullNumber, request.BaseRef, request.HeadSha, cancellationToken))
            .ConfigureAwait(false);

        using var pull = CachedPullRequest.Open(path, request.PullNumber, request.BaseRef, request.HeadSha);
        if (await MovedOnAsync(pull, job).ConfigureAwait(false)) return new Reviewed(false, 0, null);
        var (config, source) = await LoadConfigAsync(request, pull, cancellationToken).ConfigureAwait(false);
        if (checkRunId is null)
        {
            if (!config.Config.ReviewDrafts)
            {
                LogDraftSkipped(_logger, request.Owner, request.Name, request.PullNumber);
                return new Reviewed(true, 0, null);
            }

            checkRunId = await StartCheckRunAsync(job, cancellationToken).ConfigureAwait(false);
        }

        ReviewResult result;
        using (ReviewTelemetry.StartStage(ReviewTelemetry.Analyze))
        {
            result = _analysis is null
                ? await _threads.RunAsync(() => ReviewHere(pull, config, cancellationToken), cancellationToken).ConfigureAwait(false)
                : await ReviewInAnalysisProcessAsync(_analysis, path, pull, config.Config, source, cancellationToken).ConfigureAwait(false);
        }

        return new Reviewed(true, checkRunId.Value, result);
    }

    private ReviewResult ReviewHere(CachedPullRequest pull, ConfigLoadResult config, CancellationToken cancellationToken)
    {
        var timings = new ReviewTimings();
        var result = _orchestrator.Review(pull.Changes(), config, cancellationToken, timings: timings).Result;
        ReviewTelemetry.RecordAnalysis(timings);
        return result;
    }

    /// <summary>Publishes the review, then tells whoever asked for it by <c>/reviewbot rerun</c> that it is done.</summary>
    private async Task PublishAsync(ReviewJob job, long checkRunId, ReviewResult result, CancellationToken cancellationToken)
    {
        var target = TargetOf(job);
        await _publisher.PublishAsync(target, checkRunId, result, cancellationToken).ConfigureAwait(false);
        // Read again: a /reviewbot rerun of this very head, sent while the job ran, attached its comment meanwhile.
        if (((await _jobs.FindAsync(job.Id, CancellationToken.None).ConfigureAwait(false))?.Request.CommentId ?? job.Request.CommentId) is { } commentId)
        {
            try
            {
                await _conversation.ReactAsync(target, commentId, Reaction.Rocket, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (GitHubFailures.IsAnswer(e))
            {
                // The review is published; a missing reaction is no reason to publish it again.
                LogReactionFailed(_logger, e, commentId);
            }
        }
    }

    /// <summary>
    /// True when the pull request's head (<c>refs/pull/N/head</c>, just fetched) is another commit than the job's, and
    /// not an older one: GitHub does not promise delivery order, so an older head's delivery can arrive after the
    /// newer one's. The current head is queued instead (unless it already is) and this job is superseded.
    /// </summary>
    private async Task<bool> MovedOnAsync(CachedPullRequest pull, ReviewJob job)
    {
        var request = job.Request;
        if (pull.NewerHead() is not { } current) return false;

        LogMovedOn(_logger, request.Owner, request.Name, request.PullNumber, request.HeadSha, current);
        var result = await _jobs.EnqueueAsync(
            request with { HeadSha = current, Trigger = "head-moved", UpdatedAt = null },
            CancellationToken.None).ConfigureAwait(false);
        await _jobs.SupersedeAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
        if (result.Outcome == DeliveryOutcome.Queued) _notifier.NotifyQueued();
        return true;
    }

    /// <summary>
    /// Starts (or finds) the head's check run and records its id with the job: a job withdrawn while the run was being
    /// created still records it (the publisher waits for a creation it asked for), so that whoever concludes the job
    /// concludes the run too. Before, such a run stayed "in progress" for ever (seen when a newer head arrived during
    /// the request).
    /// </summary>
    private async Task<long> StartCheckRunAsync(ReviewJob job, CancellationToken cancellationToken)
    {
        var checkRunId = await _publisher.StartCheckRunAsync(TargetOf(job), job.CheckRunId, cancellationToken).ConfigureAwait(false);
        if (job.CheckRunId != checkRunId) await _jobs.SetCheckRunAsync(job.Id, checkRunId, CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return checkRunId;
    }

    /// <summary>
    /// The analysis in the analysis process; the changed files (which the publisher maps the findings onto) are read
    /// here, from the same cached commits, as the analysis process read them.
    /// </summary>
    private async Task<ReviewResult> ReviewInAnalysisProcessAsync(
        AnalysisProcess analysis, string repositoryPath, CachedPullRequest pull, ReviewConfig config,
        (ConfigSource Source, string? Text, long Size) configSource, CancellationToken cancellationToken)
    {
        var reply = await analysis.ReviewAsync(
            new AnalysisRequest
            {
                RepositoryPath = repositoryPath,
                BaseSha = pull.BaseSha,
                HeadSha = pull.HeadSha,
                Config = configSource.Source,
                ConfigText = configSource.Text,
                ConfigSize = configSource.Size,
            },
            cancellationToken).ConfigureAwait(false);
        ReviewTelemetry.RecordAnalysis(reply.DiffSeconds, reply.AnalyzerSeconds);
        return await _threads.RunAsync(
            () => _orchestrator.Join(pull.Changes(), config, reply.Findings, reply.Notices, reply.AnalyzedFileCount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>.reviewbot.yml</c> of the default branch, never of the pull request's head: read from the fetched base branch
    /// when that is the default branch, else through the contents API.
    /// </summary>
    private async Task<(ConfigLoadResult Config, (ConfigSource Source, string? Text, long Size) From)> LoadConfigAsync(
        ReviewRequest request, CachedPullRequest pull, CancellationToken cancellationToken)
    {
        if (request.DefaultBranch == request.BaseRef)
        {
            return (_orchestrator.LoadConfig(pull.BaseConfig), (ConfigSource.BaseCommit, null, 0));
        }

        var file = await _contents.ReadTextAsync(
            request.InstallationId, request.Owner, request.Name, ReviewConfigLoader.FileName, request.DefaultBranch, cancellationToken).ConfigureAwait(false);
        // Read here once: the analysis process reads the same text, and never calls GitHub.
        return file is { } text
            ? (_orchestrator.LoadConfig(new TextConfigSource(text.Text, text.Size)), (ConfigSource.Text, text.Text, text.Size))
            : (_orchestrator.LoadConfig(NoConfigSource.Instance), (ConfigSource.Defaults, null, 0));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: a draft, and neither the server nor .reviewbot.yml asks for draft reviews; skipped")]
    private static partial void LogDraftSkipped(ILogger logger, string owner, string name, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not react on comment {CommentId}")]
    private static partial void LogReactionFailed(ILogger logger, Exception exception, long commentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}@{HeadSha}: the pull request's head is {CurrentSha} (a delivery arrived out of order); that is reviewed instead")]
    private static partial void LogMovedOn(ILogger logger, string owner, string name, int number, string headSha, string currentSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}@{HeadSha}: superseded by a newer head; nothing published")]
    private static partial void LogStale(ILogger logger, string owner, string name, int number, string headSha);
}

/// <summary>
/// A review step's outcome: <see cref="Result"/> to publish on check run <see cref="CheckRunId"/>, or none, with
/// <see cref="Done"/> saying whether the job is finished (a skipped draft) or was superseded.
/// </summary>
internal readonly record struct Reviewed(bool Done, long CheckRunId, ReviewResult? Result);
