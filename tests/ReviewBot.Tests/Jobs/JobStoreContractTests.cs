using ReviewBot.Jobs;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// What every job store must do, whatever its database: a store's test class derives from this one and says how to
/// open a fresh store (<see cref="Open"/>) and the same store again as a new process would (<see cref="Reopen"/>).
/// The clock is the test's: it moves only when a test moves it.
/// </summary>
public abstract class JobStoreContractTests : IDisposable
{
    private readonly StoreUnderTest _store;

    private protected JobStoreContractTests()
    {
        _store = Open(Clock);
    }

    private protected ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private IDeliveryLog Deliveries => _store.Deliveries;

    private IReviewQueue Queue => _store.Queue;

    private ICommandQueue Commands => _store.Commands;

    private ICleanupQueue Cleanups => _store.Cleanups;

    private IQueueRetention Retention => _store.Retention;

    private IJobNotifier Notifier => _store.Notifier;

    private IQueueInspector Inspector => _store.Inspector;

    /// <summary>Opens a store with nothing in it, on <paramref name="clock"/>.</summary>
    private protected abstract StoreUnderTest Open(TimeProvider clock);

    /// <summary>Opens the store of <see cref="Open"/> once more, as a process started after a crash would.</summary>
    private protected abstract StoreUnderTest Reopen();

    public void Dispose()
    {
        _store.Dispose();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Removes what <see cref="Open"/> created.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private protected static ReviewRequest Request(string sha, int pull = 2, long repo = 10) =>
        new(1, repo, "o", "r", pull, sha, "main", "https://example.invalid/o/r.git", "main", "pull_request.opened");

    [StoreFact]
    public async Task Redelivery_IsRecognised_AndQueuesNothing()
    {
        var first = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var again = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Queued, first.Outcome);
        Assert.Equal(DeliveryOutcome.Redelivery, again.Outcome);
        Assert.Single(Inspector.JobsOf(10, 2));
    }

    [StoreFact]
    public async Task ABurstOfDeliveries_WrittenTogether_EachRecordedOnce_OneActiveJobAPullRequest()
    {
        // 40 pull requests, each delivered twice under one id (GitHub's redelivery), and pull request 1 with two heads.
        var writes = Enumerable.Range(1, 40)
            .SelectMany(pull => new[] { ("d" + pull, Request("sha" + pull, pull)), ("d" + pull, Request("sha" + pull, pull)) })
            .Append(("d-newer", Request("newer", 1)))
            .ToList();
        var outcomes = await Task.WhenAll(writes.Select(w => Task.Run(() => Deliveries.RecordReviewAsync(w.Item1, "pull_request", w.Item2, CancellationToken.None))));

        Assert.Equal(41, outcomes.Count(o => o.Outcome == DeliveryOutcome.Queued));
        Assert.Equal(40, outcomes.Count(o => o.Outcome == DeliveryOutcome.Redelivery));
        Assert.Equal(41, Inspector.DeliveryIds().Count);
        for (var pull = 1; pull <= 40; pull++)
        {
            Assert.Single(Inspector.JobsOf(10, pull), j => j.State is JobState.Queued);
        }

        Assert.Equal(2, Inspector.JobsOf(10, 1).Count);
    }

    [StoreFact]
    public async Task NewerHead_SupersedesQueuedAndRunning()
    {
        var a = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var running = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(a.JobId, running!.Id);

        var b = await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb"), CancellationToken.None);
        var c = await Deliveries.RecordReviewAsync("d3", "pull_request", Request("ccc"), CancellationToken.None);

        Assert.Equal([a.JobId!.Value], b.Superseded);
        Assert.Equal([b.JobId!.Value], c.Superseded);
        Assert.False(await Queue.IsCurrentAsync(a.JobId.Value, CancellationToken.None));
        await Queue.CompleteAsync(a.JobId.Value, CancellationToken.None);
        Assert.Equal(JobState.Superseded, Inspector.Find(a.JobId.Value)!.State);
        var next = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal("ccc", next!.Request.HeadSha);
        Assert.Null(await Queue.ClaimNextAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task OnePullRequestAtATime_OthersInParallel()
    {
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa", pull: 1), CancellationToken.None);
        await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", pull: 2), CancellationToken.None);

        var first = await Queue.ClaimNextAsync(CancellationToken.None);
        var second = await Queue.ClaimNextAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.Request.PullNumber, second.Request.PullNumber);
    }

    [StoreFact]
    public async Task FailedAttempt_WaitsForItsTime_ThenFailsForGood()
    {
        var queued = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await Queue.ClaimNextAsync(CancellationToken.None);

        var state = await Queue.FailAttemptAsync(job!.Id, "boom", Clock.GetUtcNow().AddSeconds(30), CancellationToken.None);
        Assert.Equal(JobState.Queued, state);
        Assert.Null(await Queue.ClaimNextAsync(CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(30), await Queue.NextDueAsync(CancellationToken.None));

        Clock.Advance(TimeSpan.FromSeconds(30));
        var retry = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(2, retry!.Attempts);
        Assert.Equal("boom", retry.LastError);

        state = await Queue.FailAttemptAsync(retry.Id, "boom again", null, CancellationToken.None);
        Assert.Equal(JobState.Failed, state);
        Assert.Equal(JobState.Failed, Inspector.Find(queued.JobId!.Value)!.State);
    }

    [StoreFact]
    public async Task RunningJobs_OfADeadProcess_AreQueuedAgainOnStart()
    {
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await Queue.ClaimNextAsync(CancellationToken.None);
        await Queue.SetCheckRunAsync(job!.Id, 5_000_000_123, CancellationToken.None);

        using var restarted = Reopen();
        var recovered = await restarted.Queue.RecoverInterruptedAsync(maxAttempts: 4, retryDelay: TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal((1, 0), (recovered.Requeued, recovered.Failed.Count));

        // At once: a first interruption is the process's doing (a crash, a deploy, a lost machine), not the job's.
        var again = await restarted.Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(job.Id, again!.Id);
        Assert.Equal(5_000_000_123, again.CheckRunId);
        Assert.Equal(2, again.Attempts);

        // Interrupted again, it waits out the back-off of a failed attempt, so that other work goes first.
        using var restartedAgain = Reopen();
        Assert.Equal(1, (await restartedAgain.Queue.RecoverInterruptedAsync(maxAttempts: 4, retryDelay: TimeSpan.FromSeconds(30), CancellationToken.None)).Requeued);
        Assert.Null(await restartedAgain.Queue.ClaimNextAsync(CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(30), await restartedAgain.Queue.NextDueAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await restartedAgain.Queue.ClaimNextAsync(CancellationToken.None))!.Attempts);
    }

    [StoreFact]
    public async Task AJobThatEndedItsProcessOnEveryStart_IsFailedAfterMaxAttempts()
    {
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        for (var start = 1; start <= 3; start++)
        {
            var claimed = await Queue.ClaimNextAsync(CancellationToken.None);
            Assert.Equal(start, claimed!.Attempts);
            Assert.Equal("aaa", claimed.Request.HeadSha);

            // The process dies here; the next one starts on the same database.
            using var restarted = Reopen();
            var recovered = await restarted.Queue.RecoverInterruptedAsync(maxAttempts: 3, retryDelay: TimeSpan.Zero, CancellationToken.None);
            if (start < 3)
            {
                Assert.Equal((1, 0), (recovered.Requeued, recovered.Failed.Count));
                continue;
            }

            var failed = Assert.Single(recovered.Failed);
            Assert.Equal((claimed.Id, 3, JobState.Failed), (failed.Id, failed.Attempts, failed.State));
            Assert.Equal(InterruptedAttempt.Error, failed.LastError);
        }

        // The other pull request's job is next, and the failed one is never claimed again.
        await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", pull: 9), CancellationToken.None);
        Assert.Equal("bbb", (await Queue.ClaimNextAsync(CancellationToken.None))!.Request.HeadSha);
        Assert.Null(await Queue.ClaimNextAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task AnOlderHeadsDelivery_ArrivingAfterTheNewerOnes_DoesNotSupersedeIt()
    {
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var newer = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("bbb") with { UpdatedAt = at.AddSeconds(5) }, CancellationToken.None);

        var older = await Deliveries.RecordReviewAsync("d2", "pull_request", Request("aaa") with { UpdatedAt = at }, CancellationToken.None);
        var sameSecond = await Deliveries.RecordReviewAsync("d3", "pull_request", Request("ccc") with { UpdatedAt = at.AddSeconds(5) }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Outdated, older.Outcome);
        Assert.Null(older.JobId);
        // No finer grain than a second: an equal time is not older, and the job compares the fetched head instead.
        Assert.Equal(DeliveryOutcome.Queued, sameSecond.Outcome);
        Assert.Equal([newer.JobId!.Value], sameSecond.Superseded);
    }

    [StoreFact]
    public async Task GracefulShutdown_HandsTheJobBack_WithoutCountingTheAttempt()
    {
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await Queue.ClaimNextAsync(CancellationToken.None);

        await Queue.RequeueAsync(job!.Id, CancellationToken.None);

        var again = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(job.Id, again!.Id);
        Assert.Equal(1, again.Attempts);
    }

    [StoreFact]
    public async Task Prune_ForgetsOldDeliveriesAndFinishedJobs_KeepsQueuedOnes()
    {
        var done = await Deliveries.RecordReviewAsync("old", "pull_request", Request("aaa", pull: 1), CancellationToken.None);
        await Queue.ClaimNextAsync(CancellationToken.None);
        await Queue.CompleteAsync(done.JobId!.Value, CancellationToken.None);
        await Deliveries.RecordReviewAsync("waiting", "pull_request", Request("bbb", pull: 2), CancellationToken.None);
        Clock.Advance(TimeSpan.FromDays(15));

        Assert.Equal(3, await Retention.PruneAsync(TimeSpan.FromDays(14), CancellationToken.None));

        Assert.Empty(Inspector.JobsOf(10, 1));
        Assert.Single(Inspector.JobsOf(10, 2));
        var redelivered = await Deliveries.RecordReviewAsync("old", "pull_request", null, CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Ignored, redelivered.Outcome);
    }

    [StoreFact]
    public async Task RemovedRepositories_TheirJobsCancelled()
    {
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa", repo: 10), CancellationToken.None);
        await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", repo: 11), CancellationToken.None);

        var cancelled = await Deliveries.RecordRepositoriesRemovedAsync("d3", "installation_repositories", null, [10], CancellationToken.None);

        Assert.Single(cancelled!);
        Assert.Equal(JobState.Cancelled, Assert.Single(Inspector.JobsOf(10, 2)).State);
        Assert.Equal(11, (await Queue.ClaimNextAsync(CancellationToken.None))!.Request.RepositoryId);
    }

    private protected static CommandRequest Command(string command = "rerun", int pull = 2) =>
        new(1, 10, "o", "r", pull, "https://example.invalid/o/r.git", "main", 5_000_000_777, "octocat", "NONE", command);

    [StoreFact]
    public async Task Command_QueuedOnce_ClaimedAndFinished()
    {
        Assert.Equal(DeliveryOutcome.CommandQueued, await Deliveries.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Redelivery, await Deliveries.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None));

        var claimed = await Commands.ClaimNextCommandAsync(CancellationToken.None);
        Assert.Equal(Command(), claimed!.Request);
        Assert.Null(await Commands.ClaimNextCommandAsync(CancellationToken.None));
        await Commands.FinishCommandAsync(claimed.Id, JobState.Refused, null, null, CancellationToken.None);

        Assert.Equal([JobState.Refused], Inspector.CommandStatesOf(10, 2));
        Assert.Empty(Inspector.JobsOf(10, 2));
    }

    [StoreFact]
    public async Task Command_FailedAttempt_RetriedWhenDue()
    {
        await Deliveries.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None);
        var first = await Commands.ClaimNextCommandAsync(CancellationToken.None);

        await Commands.FinishCommandAsync(first!.Id, JobState.Failed, "502", Clock.GetUtcNow().AddSeconds(30), CancellationToken.None);

        Assert.Null(await Commands.ClaimNextCommandAsync(CancellationToken.None));
        Assert.Equal(Clock.GetUtcNow().AddSeconds(30), await Queue.NextDueAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await Commands.ClaimNextCommandAsync(CancellationToken.None))!.Attempts);
    }

    [StoreFact]
    public async Task PullRequestClosed_CancelsItsJobsAndCommands_NotOthers()
    {
        var running = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa", pull: 2), CancellationToken.None);
        await Queue.ClaimNextAsync(CancellationToken.None);
        var other = await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", pull: 3), CancellationToken.None);
        await Deliveries.RecordCommandAsync("c1", "issue_comment", Command(pull: 2), CancellationToken.None);

        var cancelled = await Deliveries.RecordClosedAsync("d3", "pull_request", 10, 2, CancellationToken.None);
        var again = await Deliveries.RecordClosedAsync("d3", "pull_request", 10, 2, CancellationToken.None);

        Assert.Equal([running.JobId!.Value], cancelled);
        Assert.Null(again);
        Assert.Equal(JobState.Cancelled, Inspector.Find(running.JobId.Value)!.State);
        Assert.Equal(JobState.Queued, Inspector.Find(other.JobId!.Value)!.State);
        Assert.Equal([JobState.Cancelled], Inspector.CommandStatesOf(10, 2));
        Assert.Null(await Commands.ClaimNextCommandAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task RerunOfTheHeadUnderWay_AttachesItsComment_QueuesNothing()
    {
        var first = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);

        var rerun = await Queue.EnqueueAsync(Request("aaa") with { CommentId = 42, Trigger = "issue_comment.rerun" }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.AlreadyQueued, rerun.Outcome);
        Assert.Equal(first.JobId, rerun.JobId);
        Assert.Equal(42, Assert.Single(Inspector.JobsOf(10, 2)).Request.CommentId);
    }

    [StoreFact]
    public async Task RepositoriesRemoved_TheirWorkCancelled_ACleanupQueuedOnce()
    {
        var running = await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa", repo: 10), CancellationToken.None);
        await Queue.ClaimNextAsync(CancellationToken.None);
        var other = await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", repo: 11), CancellationToken.None);
        await Deliveries.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None);

        var cancelled = await Deliveries.RecordRepositoriesRemovedAsync("d3", "installation", 7, [10], CancellationToken.None);
        var again = await Deliveries.RecordRepositoriesRemovedAsync("d3", "installation", 7, [10], CancellationToken.None);

        Assert.Equal([running.JobId!.Value], cancelled);
        Assert.Null(again);
        Assert.Equal(JobState.Cancelled, Inspector.Find(running.JobId.Value)!.State);
        Assert.Equal(JobState.Queued, Inspector.Find(other.JobId!.Value)!.State);
        Assert.Equal([JobState.Cancelled], Inspector.CommandStatesOf(10, 2));
        var cleanup = await Cleanups.ClaimNextCleanupAsync(CancellationToken.None);
        Assert.Equal((7L, 10L, 1), (cleanup!.InstallationId, Assert.Single(cleanup.RepositoryIds), cleanup.Attempts));
        Assert.Null(await Cleanups.ClaimNextCleanupAsync(CancellationToken.None));
        await Cleanups.FinishCleanupAsync(cleanup.Id, JobState.Completed, null, null, CancellationToken.None);
        Assert.Null(await Cleanups.ClaimNextCleanupAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task ACleanup_InterruptedByACrash_IsQueuedAgainOnStart_AndRetriedWhenItFails()
    {
        await Deliveries.RecordRepositoriesRemovedAsync("d1", "installation_repositories", null, [10, 11], CancellationToken.None);
        var first = await Cleanups.ClaimNextCleanupAsync(CancellationToken.None);
        Assert.Null(first!.InstallationId);
        Assert.Equal([10L, 11L], first.RepositoryIds);

        // The process dies here; the next one starts on the same store.
        using var restarted = Reopen();
        await restarted.Queue.RecoverInterruptedAsync(maxAttempts: 4, retryDelay: TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(Clock.GetUtcNow(), await restarted.Queue.NextDueAsync(CancellationToken.None));
        var second = await restarted.Cleanups.ClaimNextCleanupAsync(CancellationToken.None);
        Assert.Equal((first.Id, 2), (second!.Id, second.Attempts));

        await restarted.Cleanups.FinishCleanupAsync(second.Id, JobState.Failed, "disk busy", Clock.GetUtcNow().AddSeconds(60), CancellationToken.None);
        Assert.Null(await restarted.Cleanups.ClaimNextCleanupAsync(CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(3, (await restarted.Cleanups.ClaimNextCleanupAsync(CancellationToken.None))!.Attempts);
    }

    [StoreFact]
    public async Task Notifier_WakesAWaitingWorker_AndNamesTheCancelledJobs()
    {
        var cancelled = new TaskCompletionSource<IReadOnlyCollection<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Notifier.Cancelled += ids => cancelled.TrySetResult(ids);
        var waiting = Notifier.WaitForWorkAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Notifier.NotifyQueued();
        Notifier.NotifyCancelled([3, 4]);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([3L, 4L], await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await Notifier.WaitForWorkAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
    }

    /// <summary>A clock the test moves by hand.</summary>
    [StoreFact]
    public async Task DeliveryAndTraceParent_TravelWithTheJobAndTheCommand()
    {
        const string Trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa") with { Delivery = "d1", TraceParent = Trace }, CancellationToken.None);
        await Deliveries.RecordCommandAsync("d2", "issue_comment", Command(pull: 3) with { Delivery = "d2", TraceParent = Trace }, CancellationToken.None);
        await Queue.EnqueueAsync(Request("bbb", pull: 4), CancellationToken.None);

        var job = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(("d1", Trace), (job!.Request.Delivery, job.Request.TraceParent));
        var untraced = await Queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal((null, null), (untraced!.Request.Delivery, untraced.Request.TraceParent));
        var command = await Commands.ClaimNextCommandAsync(CancellationToken.None);
        Assert.Equal(("d2", Trace), (command!.Request.Delivery, command.Request.TraceParent));
    }

    [StoreFact]
    public async Task QueueLevels_CountQueuedAndRunning_WithWhenTheOldestWasQueued()
    {
        Assert.Empty(await Retention.QueueLevelsAsync(CancellationToken.None));
        var start = Clock.GetUtcNow();
        await Deliveries.RecordReviewAsync("d1", "pull_request", Request("aaa", pull: 2), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Deliveries.RecordReviewAsync("d2", "pull_request", Request("bbb", pull: 3), CancellationToken.None);
        await Deliveries.RecordReviewAsync("d3", "pull_request", Request("ccc", pull: 4), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(20));
        await Deliveries.RecordCommandAsync("d4", "issue_comment", Command(pull: 5), CancellationToken.None);
        await Queue.ClaimNextAsync(CancellationToken.None);

        var levels = (await Retention.QueueLevelsAsync(CancellationToken.None)).OrderBy(l => l.Queue, StringComparer.Ordinal).ThenBy(l => l.State, StringComparer.Ordinal);
        Assert.Equal(
            [
                new QueueLevel("command", "queued", 1, start.AddSeconds(30)),
                new QueueLevel("review", "queued", 2, start.AddSeconds(10)),
                new QueueLevel("review", "running", 1, start),
            ],
            levels);
    }

    private protected sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

/// <summary>One opened store, seen through the interfaces the App uses and the inspector tests read it with.</summary>
internal sealed class StoreUnderTest(
    IDeliveryLog deliveries,
    IReviewQueue queue,
    ICommandQueue commands,
    ICleanupQueue cleanups,
    IQueueRetention retention,
    IJobNotifier notifier,
    IQueueInspector inspector,
    IDisposable lifetime)
    : IDisposable
{
    public IDeliveryLog Deliveries { get; } = deliveries;

    public IReviewQueue Queue { get; } = queue;

    public ICommandQueue Commands { get; } = commands;

    public ICleanupQueue Cleanups { get; } = cleanups;

    public IQueueRetention Retention { get; } = retention;

    public IJobNotifier Notifier { get; } = notifier;

    public IQueueInspector Inspector { get; } = inspector;

    public void Dispose() => lifetime.Dispose();
}
