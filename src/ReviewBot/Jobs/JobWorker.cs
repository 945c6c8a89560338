using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Text;
using ReviewBot.GitHub;

namespace ReviewBot.Jobs;

/// <summary>
/// The workers: <c>ReviewBot__Workers</c> loops that claim due jobs (never two of one pull request at once) and run
/// them. On start, jobs a dead process left running are queued again after a back-off, or failed for good once they
/// have been started <c>ReviewBot__MaxAttempts</c> times (an attempt counts when it starts, so a job that kills the
/// process cannot crash-loop the server). A failed attempt is retried after a doubling
/// delay; after <c>ReviewBot__MaxAttempts</c> the job is failed, its check run concluded as failed and the reason logged.
/// <para>
/// On a store shared by replicas (<see cref="IJobLeases"/>) it also keeps this process's leases: renewed every third of
/// their length; a job the store no longer counts as ours (superseded, cancelled, taken over) is stopped; a job whose
/// replica died (its lease ran out) is taken back, by whichever replica gets there first. Cut off from the store for
/// most of a lease, it stops its jobs itself: by the time the store is back, other replicas may be running them.
/// </para>
/// </summary>
internal sealed partial class JobWorker : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StoreRetryFirst = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StoreRetryCap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KeepHistory = TimeSpan.FromDays(14); // well beyond GitHub's 3 days of redelivery

    private readonly IReviewQueue _jobs;
    private readonly ICommandQueue _commandQueue;
    private readonly ICleanupQueue _cleanups;
    private readonly IQueueRetention _retention;
    private readonly IJobNotifier _notifier;
    private readonly RunningJobs _running;
    private readonly ReviewJobRunner _runner;
    private readonly CommandRunner _commands;
    private readonly RepositoryStateCleaner _cleaner;
    private readonly IReviewPublisher _publisher;
    private readonly IPullRequestConversation _conversation;
    private readonly JobOptions _options;
    private readonly PublishingOptions _publishing;
    private readonly TimeProvider _time;
    private readonly ILogger<JobWorker> _logger;
    private readonly IJobLeases? _leases;

    public JobWorker(
        IReviewQueue jobs,
        ICommandQueue commandQueue,
        ICleanupQueue cleanups,
        IQueueRetention retention,
        IJobNotifier notifier,
        RunningJobs running,
        ReviewJobRunner runner,
        CommandRunner commands,
        RepositoryStateCleaner cleaner,
        IReviewPublisher publisher,
        IPullRequestConversation conversation,
        IOptions<JobOptions> options,
        IOptions<PublishingOptions> publishing,
        TimeProvider time,
        ILogger<JobWorker> logger,
        IJobLeases? leases = null)
    {
        _leases = leases;
        _jobs = jobs;
        _commandQueue = commandQueue;
        _cleanups = cleanups;
        _retention = retention;
        _notifier = notifier;
        _running = running;
        _runner = runner;
        _commands = commands;
        _cleaner = cleaner;
        _publisher = publisher;
        _conversation = conversation;
        _options = options.Value;
        _publishing = publishing.Value;
        _time = time;
        _logger = logger;
    }

    private RecoveryResult? _recoveredAtStart;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = await _jobs.RecoverInterruptedAsync(_options.MaxAttempts, _options.RetryDelay, cancellationToken).ConfigureAwait(false);
        if (recovered.Requeued > 0) LogRecovered(_logger, recovered.Requeued);
        _recoveredAtStart = recovered;
        await _retention.PruneAsync(KeepHistory, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_recoveredAtStart is { } recovered) await ReportRecoveredAsync(recovered).ConfigureAwait(false);
        _recoveredAtStart = null;
        var loops = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)).ToList();
        if (_leases is not null) loops.Add(Task.Run(() => KeepLeasesAsync(_leases, stoppingToken), stoppingToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells GitHub what recovery settled for good: a failed check run for each job failed after its last attempt, a
    /// concluded run for each withdrawn job whose worker died before concluding it.
    /// </summary>
    private async Task ReportRecoveredAsync(RecoveryResult recovered)
    {
        foreach (var job in recovered.Failed)
        {
            LogFailedWithProcess(_logger, job.Id, job.Request.Owner, job.Request.Name, job.Request.PullNumber, job.Attempts);
            await ReportFailureAsync(job, InterruptedAttempt.Error).ConfigureAwait(false);
        }

        foreach (var job in recovered.Withdrawn)
        {
            // Its replica may have died between GitHub creating the run and recording it: then it is found on the head.
            LogConcludingForTheDead(_logger, job.Id);
            await ConcludeWithdrawnRunAsync(job, job.State == JobState.Cancelled, job.CheckRunId, findOnHead: job.CheckRunId is null).ConfigureAwait(false);
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Commands first: they are a few quick calls, and a person is waiting for the answer.
                if (await _commandQueue.ClaimNextCommandAsync(stopping).ConfigureAwait(false) is { } command)
                {
                    await RunCommandAsync(command, stopping).ConfigureAwait(false);
                    continue;
                }

                if (await _cleanups.ClaimNextCleanupAsync(stopping).ConfigureAwait(false) is { } cleanup)
                {
                    await RunCleanupAsync(cleanup, stopping).ConfigureAwait(false);
                    continue;
                }

                var job = await _jobs.ClaimNextAsync(stopping).ConfigureAwait(false);
                if (job is null)
                {
                    var wait = IdlePoll;
                    if (await _jobs.NextDueAsync(stopping).ConfigureAwait(false) is { } due && due - _time.GetUtcNow() is var untilDue && untilDue < wait)
                    {
                        wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
                    }

                    await _notifier.WaitForWorkAsync(wait, stopping).ConfigureAwait(false);
                    continue;
                }

                await RunAsync(job, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (JobStoreException e)
            {
                LogQueueError(_logger, e);
                await Task.Delay(IdlePoll, _time, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Renews this process's leases, stops what it lost, and takes back the jobs of replicas that died.</summary>
    private async Task KeepLeasesAsync(IJobLeases leases, CancellationToken stopping)
    {
        var every = leases.LeaseDuration / 3;
        var renewed = _time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _time, stopping).ConfigureAwait(false);

                // Only jobs registered before the renewal: one claimed meanwhile is ours but may not be in its answer.
                var running = _running.Ids;
                var held = await leases.RenewAsync(stopping).ConfigureAwait(false);
                renewed = _time.GetUtcNow();
                var lost = running.Where(id => !held.Contains(id)).ToList();
                if (lost.Count > 0)
                {
                    LogLeaseLost(_logger, lost.Count);
                    _running.Cancel(lost);
                }

                var recovered = await _jobs.RecoverInterruptedAsync(_options.MaxAttempts, _options.RetryDelay, stopping).ConfigureAwait(false);
                if (recovered.Requeued > 0)
                {
                    LogTakenOver(_logger, recovered.Requeued);
                    _notifier.NotifyQueued();
                }

                await ReportRecoveredAsync(recovered).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (JobStoreException e)
            {
                LogLeaseRenewalFailed(_logger, SafeText.Escape(e.Message));
                if (_time.GetUtcNow() - renewed >= leases.LeaseDuration - every && _running.Ids is { Count: > 0 } stranded)
                {
                    // The leases run out before the next try: other replicas will take these jobs, so they stop here.
                    LogLeaseRunningOut(_logger, stranded.Count);
                    _running.Cancel(stranded);
                }
            }
        }
    }

    private async Task RunAsync(ReviewJob job, CancellationToken stopping)
    {
        var request = job.Request;
        using var scope = _logger.BeginScope(new DeliveryScope(request.Delivery, request.Owner + "/" + request.Name, request.PullNumber, job.Id));
        using var span = ReviewTelemetry.StartJob("review job", request.TraceParent, request.Delivery, request.Owner, request.Name, request.PullNumber, job.Id);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        LogStarted(_logger, job.Id, request.Owner, request.Name, request.PullNumber, request.HeadSha, job.Attempts);
        using var cancellation = _running.Register(job.Id, stopping);
        cancellation.CancelAfter(_options.JobTimeout);
        try
        {
            if (await _runner.RunAsync(job, cancellation.Token).ConfigureAwait(false))
            {
                await UntilStoredAsync(() => _jobs.CompleteAsync(job.Id, CancellationToken.None), stopping).ConfigureAwait(false);
                outcome = "completed";
                LogCompleted(_logger, job.Id);
            }
            else
            {
                outcome = "superseded";
                await ConcludeSupersededAsync(job).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            outcome = "requeued";
            // Shutting down: back to the queue for the next start, the attempt not counted. (After a crash the job
            // stays running in the database and is queued again on start, that attempt counted.)
            await _jobs.RequeueAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Cancelled because the job was superseded or cancelled (not by its timeout): the newer job reports instead.
            if (e is OperationCanceledException && !await _jobs.IsCurrentAsync(job.Id, CancellationToken.None).ConfigureAwait(false))
            {
                outcome = "superseded";
                await ConcludeSupersededAsync(job).ConfigureAwait(false);
            }
            else
            {
                await FailAttemptAsync(job, e, stopping).ConfigureAwait(false);
            }
        }
        finally
        {
            _running.Unregister(job.Id);
            ReviewTelemetry.RecordAttempt(started, outcome, span);
        }
    }

    private async Task RunCommandAsync(CommandJob command, CancellationToken stopping)
    {
        var request = command.Request;
        using var scope = _logger.BeginScope(new DeliveryScope(request.Delivery, request.Owner + "/" + request.Name, request.PullNumber));
        using var span = ReviewTelemetry.StartJob("command " + request.Command, request.TraceParent, request.Delivery, request.Owner, request.Name, request.PullNumber, command.Id);
        await RunAttemptAsync(
            command.Attempts,
            cancellation => _commands.RunAsync(command, cancellation),
            (state, error, retryAt) => _commandQueue.FinishCommandAsync(command.Id, state, error, retryAt, CancellationToken.None),
            async (e, reason, retried) =>
            {
                if (retried)
                {
                    LogCommandRetrying(_logger, e, request.Command, request.Owner, request.Name, request.PullNumber, command.Attempts, reason);
                    _notifier.NotifyQueued();
                    return;
                }

                LogCommandFailed(_logger, e, request.Command, request.Owner, request.Name, request.PullNumber, command.Attempts, reason);
                await ReactQuietlyAsync(CommandRunner.TargetOf(request), request.CommentId, Reaction.Confused).ConfigureAwait(false);
            },
            stopping).ConfigureAwait(false);
    }

    private Task RunCleanupAsync(CleanupJob cleanup, CancellationToken stopping) =>
        RunAttemptAsync(
            cleanup.Attempts,
            async cancellation =>
            {
                await _cleaner.RunAsync(cleanup, cancellation).ConfigureAwait(false);
                return JobState.Completed;
            },
            (state, error, retryAt) => _cleanups.FinishCleanupAsync(cleanup.Id, state, error, retryAt, CancellationToken.None),
            (e, reason, retried) =>
            {
                LogCleanupFailed(_logger, e, cleanup.Id, cleanup.Attempts, retried, reason);
                return Task.CompletedTask;
            },
            stopping);

    /// <summary>
    /// One attempt of a command or a clean-up, within <c>ReviewBot__JobTimeout</c>: its outcome is stored (the state
    /// <paramref name="run"/> returns; queued again when the process stops; failed, and retried after the back-off
    /// while attempts are left), then <paramref name="failed"/> reports a failure (its reason escaped for the log, and
    /// whether it is retried).
    /// </summary>
    private async Task RunAttemptAsync(
        int attempts,
        Func<CancellationToken, Task<JobState>> run,
        Func<JobState, string?, DateTimeOffset?, Task> finish,
        Func<Exception, string, bool, Task> failed,
        CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        cancellation.CancelAfter(_options.JobTimeout);
        try
        {
            var state = await run(cancellation.Token).ConfigureAwait(false);
            await UntilStoredAsync(() => finish(state, null, null), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await UntilStoredAsync(() => finish(JobState.Queued, null, _time.GetUtcNow()), stopping).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = Describe(e);
            var retryAt = _options.RetryAt(attempts, _time.GetUtcNow());
            await UntilStoredAsync(() => finish(JobState.Failed, reason, retryAt), stopping).ConfigureAwait(false);
            await failed(e, SafeText.Escape(reason), retryAt is not null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes what became of a job, waiting out a store that is gone for now (a database restarting): the outcome is
    /// known and must not be lost, and each of these writes is idempotent (it changes only a running job). Shutting
    /// down, it gives up after one try; the job then stays running and is queued again at the next start.
    /// </summary>
    private async Task UntilStoredAsync(Func<Task> write, CancellationToken stopping) =>
        await UntilStoredAsync(async () =>
        {
            await write().ConfigureAwait(false);
            return true;
        }, stopping).ConfigureAwait(false);

    private async Task<T> UntilStoredAsync<T>(Func<Task<T>> write, CancellationToken stopping)
    {
        var backoff = new Backoff(StoreRetryFirst, StoreRetryCap);
        while (true)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (JobStoreException e) when (e.Failure == JobStoreFailure.Gone && !stopping.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogStoreGone(_logger, SafeText.Escape(e.Message), delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds a reaction to a command comment; a failure is logged, never fatal (the reaction is a courtesy).</summary>
    private async Task ReactQuietlyAsync(PublishTarget target, long commentId, Reaction reaction)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_publishing.HttpTotalTimeout);
            await _conversation.ReactAsync(target, commentId, reaction, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (GitHubFailures.IsRequestFailure(e) || e is OperationCanceledException)
        {
            LogReactionFailed(_logger, e, commentId);
        }
    }

    private async Task FailAttemptAsync(ReviewJob job, Exception error, CancellationToken stopping)
    {
        var reason = Describe(error);
        var retryAt = _options.RetryAt(job.Attempts, _time.GetUtcNow());
        var state = await UntilStoredAsync(() => _jobs.FailAttemptAsync(job.Id, reason, retryAt, CancellationToken.None), stopping).ConfigureAwait(false);
        if (state == JobState.Queued)
        {
            LogRetrying(_logger, error, job.Id, job.Attempts, retryAt!.Value, SafeText.Escape(reason));
            _notifier.NotifyQueued();
            return;
        }

        if (state != JobState.Failed)
        {
            // Superseded or cancelled while the attempt failed: the newer job reports instead.
            await ConcludeSupersededAsync(job).ConfigureAwait(false);
            return;
        }

        LogFailed(_logger, error, job.Id, job.Attempts, SafeText.Escape(reason));
        await ReportFailureAsync(job, reason).ConfigureAwait(false);
    }

    /// <summary>Tells the pull request that its job failed for good: a confused reaction on the command, a failed check run.</summary>
    private async Task ReportFailureAsync(ReviewJob job, string reason)
    {
        var failed = await _jobs.FindAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
        if (failed?.Request.CommentId is { } commentId)
        {
            await ReactQuietlyAsync(ReviewJobRunner.TargetOf(job), commentId, Reaction.Confused).ConfigureAwait(false);
        }

        if (failed?.CheckRunId is not { } checkRunId) return;
        try
        {
            using var timeout = new CancellationTokenSource(_publishing.HttpTotalTimeout);
            await _publisher.ConcludeAsync(ReviewJobRunner.TargetOf(job), checkRunId, CheckRunOutput.Failed(job.Attempts, reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (GitHubFailures.IsRequestFailure(e) || e is OperationCanceledException)
        {
            LogConcludeFailed(_logger, e, job.Id);
        }
    }

    private async Task ConcludeSupersededAsync(ReviewJob job)
    {
        var stored = await _jobs.FindAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
        if (stored?.State is JobState.Running or JobState.Queued)
        {
            // Taken over by another replica (this one lost its lease): the job, and its check run, are that replica's.
            LogTakenAway(_logger, job.Id);
            return;
        }

        var closed = stored?.State == JobState.Cancelled;
        if (closed) LogCancelled(_logger, job.Id);
        else LogSuperseded(_logger, job.Id);
        await ConcludeWithdrawnRunAsync(job, closed, stored?.CheckRunId).ConfigureAwait(false);
        try
        {
            await _jobs.ReleaseAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (JobStoreException e)
        {
            // Still leased: once the lease runs out, a replica concludes the run again, which changes nothing.
            LogReleaseFailed(_logger, job.Id, SafeText.Escape(e.Message));
        }
    }

    /// <summary>
    /// Concludes the check run of a superseded (neutral) or cancelled job, if it has one: the one recorded, or with
    /// <paramref name="findOnHead"/> ReviewBot's run in progress on the job's head.
    /// </summary>
    private async Task ConcludeWithdrawnRunAsync(ReviewJob job, bool closed, long? checkRunId, bool findOnHead = false)
    {
        if (checkRunId is null && !findOnHead) return;
        try
        {
            using var timeout = new CancellationTokenSource(_publishing.HttpTotalTimeout);
            checkRunId ??= await _publisher.FindOpenCheckRunAsync(ReviewJobRunner.TargetOf(job), timeout.Token).ConfigureAwait(false);
            if (checkRunId is null) return;
            // Neutral, not cancelled, for a superseded head: nothing went wrong, and another commit is reviewed.
            await _publisher.ConcludeAsync(
                ReviewJobRunner.TargetOf(job), checkRunId.Value, closed ? CheckRunOutput.Cancelled : CheckRunOutput.Superseded, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (GitHubFailures.IsRequestFailure(e) || e is OperationCanceledException)
        {
            LogConcludeFailed(_logger, e, job.Id);
        }
    }

    /// <summary>A one-line reason for logs and the check run: the error's type and message (they never carry a token).</summary>
    private static string Describe(Exception error) => error switch
    {
        _ when GitHubFailures.Describe(error) is { } answer => answer,
        OperationCanceledException => "the attempt timed out (ReviewBot__JobTimeout)",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued again {Count} job(s) interrupted by the previous process")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued again {Count} job(s) whose replica stopped renewing its lease")]
    private static partial void LogTakenOver(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping {Count} job(s) this process no longer holds (superseded, cancelled or taken over)")]
    private static partial void LogLeaseLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: withdrawn while its replica died; concluding its check run")]
    private static partial void LogConcludingForTheDead(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not give up its lease ({Reason})")]
    private static partial void LogReleaseFailed(ILogger logger, long jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: taken over by another replica; stopped here")]
    private static partial void LogTakenAway(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the job leases ({Reason}); trying again")]
    private static partial void LogLeaseRenewalFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Count} job(s): their leases run out before the job store is back, and other replicas will take them")]
    private static partial void LogLeaseRunningOut(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: reviewing {Owner}/{Name}#{Number}@{HeadSha} (attempt {Attempt})")]
    private static partial void LogStarted(ILogger logger, long jobId, string owner, string name, int number, string headSha, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: completed")]
    private static partial void LogCompleted(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: superseded by a newer head; stopped")]
    private static partial void LogSuperseded(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: cancelled (pull request closed or repository removed); stopped")]
    private static partial void LogCancelled(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "/reviewbot {Command} on {Owner}/{Name}#{Number}: attempt {Attempt} failed; retrying: {Reason}")]
    private static partial void LogCommandRetrying(ILogger logger, Exception exception, string command, string owner, string name, int number, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "/reviewbot {Command} on {Owner}/{Name}#{Number}: failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string command, string owner, string name, int number, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not react on comment {CommentId}")]
    private static partial void LogReactionFailed(ILogger logger, Exception exception, long commentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: attempt {Attempt} failed; retrying at {RetryAt}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, long jobId, int attempt, DateTimeOffset retryAt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Owner}/{Name}#{Number}): failed after {Attempts} attempt(s), each ended with the process; not tried again")]
    private static partial void LogFailedWithProcess(ILogger logger, long jobId, string owner, string name, int number, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not conclude its check run")]
    private static partial void LogConcludeFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clean-up {CleanupId}: attempt {Attempt} failed (retried: {Retried}): {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, long cleanupId, int attempt, bool retried, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job store cannot record a job's outcome ({Reason}); trying again in {DelayMs} ms")]
    private static partial void LogStoreGone(ILogger logger, string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job queue failed; retrying")]
    private static partial void LogQueueError(ILogger logger, Exception exception);
}
