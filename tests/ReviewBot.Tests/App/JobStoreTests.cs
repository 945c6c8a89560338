using ReviewBot.Jobs;
using ReviewBot.Webhooks;

namespace ReviewBot.Tests.App;

/// <summary>The durable queue on a real SQLite file, with a clock the test moves.</summary>
public sealed class JobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly JobStore _store;

    public JobStoreTests()
    {
        _store = new JobStore(Path.Combine(_root, "reviewbot.db"), _clock);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static ReviewRequest Request(string sha, int pull = 2, long repo = 10) =>
        new(1, repo, "o", "r", pull, sha, "main", "https://example.invalid/o/r.git", "main", "pull_request.opened");

    [Fact]
    public async Task Redelivery_IsRecognised_AndQueuesNothing()
    {
        var first = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var again = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Queued, first.Outcome);
        Assert.Equal(DeliveryOutcome.Redelivery, again.Outcome);
        Assert.Single(_store.JobsOf(10, 2));
    }

    [Fact]
    public async Task NewerHead_SupersedesQueuedAndRunning()
    {
        var a = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var running = await _store.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(a.JobId, running!.Id);

        var b = await _store.RecordDeliveryAsync("d2", "pull_request", Request("bbb"), CancellationToken.None);
        var c = await _store.RecordDeliveryAsync("d3", "pull_request", Request("ccc"), CancellationToken.None);

        Assert.Equal([a.JobId!.Value], b.Superseded);
        Assert.Equal([b.JobId!.Value], c.Superseded);
        Assert.False(_store.IsCurrent(a.JobId.Value));
        await _store.CompleteAsync(a.JobId.Value, CancellationToken.None);
        Assert.Equal(JobStates.Superseded, _store.Find(a.JobId.Value)!.State);
        var next = await _store.ClaimNextAsync(CancellationToken.None);
        Assert.Equal("ccc", next!.Request.HeadSha);
        Assert.Null(await _store.ClaimNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OnePullRequestAtATime_OthersInParallel()
    {
        await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa", pull: 1), CancellationToken.None);
        await _store.RecordDeliveryAsync("d2", "pull_request", Request("bbb", pull: 2), CancellationToken.None);

        var first = await _store.ClaimNextAsync(CancellationToken.None);
        var second = await _store.ClaimNextAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first.Request.PullNumber, second.Request.PullNumber);
    }

    [Fact]
    public async Task FailedAttempt_WaitsForItsTime_ThenFailsForGood()
    {
        var queued = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await _store.ClaimNextAsync(CancellationToken.None);

        var state = await _store.FailAttemptAsync(job!.Id, "boom", _clock.GetUtcNow().AddSeconds(30), CancellationToken.None);
        Assert.Equal(JobStates.Queued, state);
        Assert.Null(await _store.ClaimNextAsync(CancellationToken.None));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), _store.NextDue());

        _clock.Advance(TimeSpan.FromSeconds(30));
        var retry = await _store.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(2, retry!.Attempts);
        Assert.Equal("boom", retry.LastError);

        state = await _store.FailAttemptAsync(retry.Id, "boom again", null, CancellationToken.None);
        Assert.Equal(JobStates.Failed, state);
        Assert.Equal(JobStates.Failed, _store.Find(queued.JobId!.Value)!.State);
    }

    [Fact]
    public async Task RunningJobs_OfADeadProcess_AreQueuedAgainOnStart()
    {
        await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await _store.ClaimNextAsync(CancellationToken.None);
        await _store.SetCheckRunAsync(job!.Id, 5_000_000_123, CancellationToken.None);

        using var restarted = new JobStore(Path.Combine(_root, "reviewbot.db"), _clock);
        var recovered = restarted.RecoverInterrupted(maxAttempts: 4, retryDelay: TimeSpan.FromSeconds(30));
        Assert.Equal((1, 0), (recovered.Requeued, recovered.Failed.Count));

        // After the back-off of a failed attempt, so that other work goes first.
        Assert.Null(await restarted.ClaimNextAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var again = await restarted.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(job.Id, again!.Id);
        Assert.Equal(5_000_000_123, again.CheckRunId);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task AJobThatEndedItsProcessOnEveryStart_IsFailedAfterMaxAttempts()
    {
        await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        await _store.RecordDeliveryAsync("d2", "pull_request", Request("bbb", pull: 9), CancellationToken.None);
        for (var start = 1; start <= 3; start++)
        {
            var claimed = await _store.ClaimNextAsync(CancellationToken.None);
            Assert.Equal(start, claimed!.Attempts);
            Assert.Equal("aaa", claimed.Request.HeadSha);

            // The process dies here; the next one starts on the same database.
            using var restarted = new JobStore(Path.Combine(_root, "reviewbot.db"), _clock);
            var recovered = restarted.RecoverInterrupted(maxAttempts: 3, retryDelay: TimeSpan.Zero);
            if (start < 3)
            {
                Assert.Equal((1, 0), (recovered.Requeued, recovered.Failed.Count));
                continue;
            }

            var failed = Assert.Single(recovered.Failed);
            Assert.Equal((claimed.Id, 3, JobStates.Failed), (failed.Id, failed.Attempts, failed.State));
            Assert.Equal(JobStore.InterruptedError, failed.LastError);
        }

        // The other pull request's job is next, and the failed one is never claimed again.
        Assert.Equal("bbb", (await _store.ClaimNextAsync(CancellationToken.None))!.Request.HeadSha);
        Assert.Null(await _store.ClaimNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnOlderHeadsDelivery_ArrivingAfterTheNewerOnes_DoesNotSupersedeIt()
    {
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var newer = await _store.RecordDeliveryAsync("d1", "pull_request", Request("bbb") with { UpdatedAt = at.AddSeconds(5) }, CancellationToken.None);

        var older = await _store.RecordDeliveryAsync("d2", "pull_request", Request("aaa") with { UpdatedAt = at }, CancellationToken.None);
        var sameSecond = await _store.RecordDeliveryAsync("d3", "pull_request", Request("ccc") with { UpdatedAt = at.AddSeconds(5) }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Outdated, older.Outcome);
        Assert.Null(older.JobId);
        // No finer grain than a second: an equal time is not older, and the job compares the fetched head instead.
        Assert.Equal(DeliveryOutcome.Queued, sameSecond.Outcome);
        Assert.Equal([newer.JobId!.Value], sameSecond.Superseded);
    }

    [Fact]
    public async Task GracefulShutdown_HandsTheJobBack_WithoutCountingTheAttempt()
    {
        await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);
        var job = await _store.ClaimNextAsync(CancellationToken.None);

        await _store.RequeueAsync(job!.Id, CancellationToken.None);

        var again = await _store.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(job.Id, again!.Id);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task Prune_ForgetsOldDeliveriesAndFinishedJobs_KeepsQueuedOnes()
    {
        var done = await _store.RecordDeliveryAsync("old", "pull_request", Request("aaa", pull: 1), CancellationToken.None);
        await _store.ClaimNextAsync(CancellationToken.None);
        await _store.CompleteAsync(done.JobId!.Value, CancellationToken.None);
        await _store.RecordDeliveryAsync("waiting", "pull_request", Request("bbb", pull: 2), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(15));

        Assert.Equal(3, _store.Prune(TimeSpan.FromDays(14)));

        Assert.Empty(_store.JobsOf(10, 1));
        Assert.Single(_store.JobsOf(10, 2));
        var redelivered = await _store.RecordDeliveryAsync("old", "pull_request", null, CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Ignored, redelivered.Outcome);
    }

    [Fact]
    public async Task RemovedRepositories_TheirJobsCancelled()
    {
        await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa", repo: 10), CancellationToken.None);
        await _store.RecordDeliveryAsync("d2", "pull_request", Request("bbb", repo: 11), CancellationToken.None);

        var cancelled = await _store.CancelRepositoriesAsync([10], CancellationToken.None);

        Assert.Single(cancelled);
        Assert.Equal(JobStates.Cancelled, Assert.Single(_store.JobsOf(10, 2)).State);
        Assert.Equal(11, (await _store.ClaimNextAsync(CancellationToken.None))!.Request.RepositoryId);
    }

    private static CommandRequest Command(string command = "rerun", int pull = 2) =>
        new(1, 10, "o", "r", pull, "https://example.invalid/o/r.git", "main", 5_000_000_777, "octocat", "NONE", command);

    [Fact]
    public async Task Command_QueuedOnce_ClaimedAndFinished()
    {
        Assert.Equal(DeliveryOutcome.CommandQueued, await _store.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Redelivery, await _store.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None));

        var claimed = await _store.ClaimNextCommandAsync(CancellationToken.None);
        Assert.Equal(Command(), claimed!.Request);
        Assert.Null(await _store.ClaimNextCommandAsync(CancellationToken.None));
        await _store.FinishCommandAsync(claimed.Id, JobStates.Refused, null, null, CancellationToken.None);

        Assert.Equal([JobStates.Refused], _store.CommandStatesOf(10, 2));
        Assert.Empty(_store.JobsOf(10, 2));
    }

    [Fact]
    public async Task Command_FailedAttempt_RetriedWhenDue()
    {
        await _store.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None);
        var first = await _store.ClaimNextCommandAsync(CancellationToken.None);

        await _store.FinishCommandAsync(first!.Id, JobStates.Failed, "502", _clock.GetUtcNow().AddSeconds(30), CancellationToken.None);

        Assert.Null(await _store.ClaimNextCommandAsync(CancellationToken.None));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), _store.NextDue());
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await _store.ClaimNextCommandAsync(CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task PullRequestClosed_CancelsItsJobsAndCommands_NotOthers()
    {
        var running = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa", pull: 2), CancellationToken.None);
        await _store.ClaimNextAsync(CancellationToken.None);
        var other = await _store.RecordDeliveryAsync("d2", "pull_request", Request("bbb", pull: 3), CancellationToken.None);
        await _store.RecordCommandAsync("c1", "issue_comment", Command(pull: 2), CancellationToken.None);

        var cancelled = await _store.RecordClosedAsync("d3", "pull_request", 10, 2, CancellationToken.None);
        var again = await _store.RecordClosedAsync("d3", "pull_request", 10, 2, CancellationToken.None);

        Assert.Equal([running.JobId!.Value], cancelled);
        Assert.Null(again);
        Assert.Equal(JobStates.Cancelled, _store.Find(running.JobId.Value)!.State);
        Assert.Equal(JobStates.Queued, _store.Find(other.JobId!.Value)!.State);
        Assert.Equal([JobStates.Cancelled], _store.CommandStatesOf(10, 2));
        Assert.Null(await _store.ClaimNextCommandAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RerunOfTheHeadUnderWay_AttachesItsComment_QueuesNothing()
    {
        var first = await _store.RecordDeliveryAsync("d1", "pull_request", Request("aaa"), CancellationToken.None);

        var rerun = await _store.EnqueueAsync(Request("aaa") with { CommentId = 42, Trigger = "issue_comment.rerun" }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.AlreadyQueued, rerun.Outcome);
        Assert.Equal(first.JobId, rerun.JobId);
        Assert.Equal(42, Assert.Single(_store.JobsOf(10, 2)).Request.CommentId);
    }

    [Fact]
    public async Task DatabaseOfAnEarlierVersion_Upgraded_ItsJobsKept()
    {
        var path = Path.Combine(_root, "old.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, installation_id INTEGER NOT NULL, repository_id INTEGER NOT NULL,
                    owner TEXT NOT NULL, name TEXT NOT NULL, pull_number INTEGER NOT NULL, head_sha TEXT NOT NULL, base_ref TEXT NOT NULL,
                    clone_url TEXT NOT NULL, default_branch TEXT NOT NULL, trigger TEXT NOT NULL, draft INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL, check_run_id INTEGER,
                    last_error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                INSERT INTO jobs (installation_id, repository_id, owner, name, pull_number, head_sha, base_ref, clone_url, default_branch,
                    trigger, state, not_before, created_at, updated_at)
                VALUES (1, 10, 'o', 'r', 2, 'aaa', 'main', 'https://example.invalid/o/r.git', 'main', 'pull_request.opened', 'queued', 0, 0, 0);
                """;
            command.ExecuteNonQuery();
        }

        using var upgraded = new JobStore(path, _clock);

        var job = await upgraded.ClaimNextAsync(CancellationToken.None);
        Assert.Equal("aaa", job!.Request.HeadSha);
        Assert.Null(job.Request.CommentId);
        Assert.Equal(DeliveryOutcome.CommandQueued, await upgraded.RecordCommandAsync("c1", "issue_comment", Command(), CancellationToken.None));
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
