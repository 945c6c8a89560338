using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Postgres;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// The contract on a real PostgreSQL database of its own, and what only this store does: migrations under a lock,
/// refusing a newer schema, notices across processes.
/// </summary>
public sealed class PostgresJobStoreTests : JobStoreContractTests, IRunsOnPostgres
{
    private TestDatabase? _database;

    private TestDatabase Database => _database ??= PostgresTestServer.CreateDatabase();

    private protected override StoreUnderTest Open(TimeProvider clock) => Wrap(clock);

    /// <summary>A replica started after one crashed: it sees the dead one's claims once their leases ran out.</summary>
    private protected override StoreUnderTest Reopen()
    {
        Clock.Advance(Lease + TimeSpan.FromMilliseconds(1));
        return Wrap(Clock);
    }

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private StoreUnderTest Wrap(TimeProvider clock)
    {
        var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        var store = new PostgresJobStore(dataSource, clock, Lease);
        var notifier = new PostgresJobNotifier(dataSource, NullLogger<PostgresJobNotifier>.Instance);
        return new(store, store, store, store, store, notifier, QueueInspector.OfPostgres(Database.ConnectionString), new Lifetime(notifier, dataSource));
    }

    private sealed class Lifetime(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    protected override void Dispose(bool disposing) => _database?.Dispose();

    [StoreFact]
    public async Task ProcessesStartingAtOnce_MigrateOnce_AndAllOpen()
    {
        using var fresh = PostgresTestServer.CreateDatabase();
        var dataSources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(fresh.ConnectionString)).ToList();
        var opened = await Task.WhenAll(dataSources.Select(dataSource => Task.Run(() => new PostgresJobStore(dataSource, Clock))));

        using var connection = new NpgsqlConnection(fresh.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT array_agg(version) FROM reviewbot_schema", connection);
        Assert.Equal([PostgresSchema.CurrentVersion], (int[])command.ExecuteScalar()!);
        var queued = await opened[0].RecordReviewAsync("d1", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "aaa", "main", "u", "main", "t"), CancellationToken.None);
        Assert.Equal(queued.JobId, (await opened[5].ClaimNextAsync(CancellationToken.None))!.Id);
        foreach (var dataSource in dataSources) dataSource.Dispose();
    }

    [StoreFact]
    public async Task WarmingUp_OpensThePoolsKeptConnections_AndLeavesNoTrace_NoJobIdDrawn()
    {
        using var fresh = PostgresTestServer.CreateDatabase();
        var keep = new NpgsqlConnectionStringBuilder(fresh.ConnectionString) { MinPoolSize = 3, ApplicationName = "warm-up-test" };
        using var dataSource = NpgsqlDataSource.Create(keep.ConnectionString);
        var store = new PostgresJobStore(dataSource, Clock);

        await store.WarmUpAsync(CancellationToken.None);

        using var connection = new NpgsqlConnection(fresh.ConnectionString);
        connection.Open();
        using (var open = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'warm-up-test'", connection))
        {
            Assert.True((long)open.ExecuteScalar()! >= 3, "the pool keeps the readied connections open");
        }

        using (var trace = new NpgsqlCommand("SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM deliveries)", connection))
        {
            Assert.Equal(0L, trace.ExecuteScalar());
        }

        var queued = await store.RecordReviewAsync("d1", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "aaa", "main", "u", "main", "t"), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Queued, queued.Outcome);
        Assert.Equal(1, queued.JobId);
    }

    [StoreFact]
    public void ASchemaOfANewerVersion_IsRefused_NotWritten()
    {
        using var fresh = PostgresTestServer.CreateDatabase();
        fresh.Execute($"CREATE TABLE reviewbot_schema (version integer NOT NULL); INSERT INTO reviewbot_schema VALUES ({PostgresSchema.CurrentVersion + 1})");

        using var dataSource = NpgsqlDataSource.Create(fresh.ConnectionString);
        var error = Assert.Throws<SchemaTooNewException>(() => new PostgresJobStore(dataSource, Clock));

        Assert.Contains($"version {PostgresSchema.CurrentVersion + 1}, newer than this ReviewBot knows", error.Message, StringComparison.Ordinal);
        using var connection = new NpgsqlConnection(fresh.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE tablename = 'jobs'", connection);
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [StoreFact]
    public void AUserWithoutTheRightToCreateTables_IsToldSo()
    {
        using var fresh = PostgresTestServer.CreateDatabase();
        var user = "rb_reader_" + Guid.NewGuid().ToString("N")[..8];
        fresh.Execute($"CREATE ROLE {user} LOGIN PASSWORD 'reader-pass'; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT CONNECT ON DATABASE {fresh.Name} TO {user}");
        var connectionString = new NpgsqlConnectionStringBuilder(fresh.ConnectionString) { Username = user, Password = "reader-pass" }.ConnectionString;

        using var dataSource = NpgsqlDataSource.Create(connectionString);
        var error = Assert.Throws<JobStoreException>(() => new PostgresJobStore(dataSource, Clock));

        Assert.Equal(JobStoreFailure.Gone, error.Failure);
        Assert.Contains("42501: permission denied for schema public", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reader-pass", error.ToString(), StringComparison.Ordinal);
        NpgsqlConnection.ClearAllPools();
        fresh.Execute($"DROP OWNED BY {user}; DROP ROLE {user}");
    }

    [StoreFact]
    public async Task Notices_CrossProcesses_QueuedWakesTheOther_CancelledNamesTheJobs()
    {
        await using var senderSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var receiverSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var sender = new PostgresJobNotifier(senderSource, NullLogger<PostgresJobNotifier>.Instance);
        await using var receiver = new PostgresJobNotifier(receiverSource, NullLogger<PostgresJobNotifier>.Instance);
        var cancelled = new TaskCompletionSource<IReadOnlyCollection<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Cancelled += ids => cancelled.TrySetResult(ids);
        var ownCancellations = 0;
        sender.Cancelled += _ => Interlocked.Increment(ref ownCancellations);
        await Task.WhenAll(sender.Listening, receiver.Listening).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(await receiver.WaitForWorkAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        sender.NotifyQueued();
        Assert.True(await receiver.WaitForWorkAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        sender.NotifyCancelled([7, 8]);
        Assert.Equal([7L, 8L], await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        // The sender's own notice comes back from the server too; it is not applied twice.
        await Task.Delay(200);
        Assert.Equal(1, ownCancellations);
    }

    [StoreFact]
    public async Task ALeaseHeldByALiveReplica_IsLeftAlone_OneThatRanOut_IsTakenOver_AndTheFormerHolderIsFencedOut()
    {
        await using var replicas = new TwoReplicas(Database.ConnectionString, Clock);
        var (a, b) = (replicas.A, replicas.B);
        await a.RecordReviewAsync("d1", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "aaa", "main", "u", "main", "t"), CancellationToken.None);
        var claimed = (await a.ClaimNextAsync(CancellationToken.None))!;
        await a.SetCheckRunAsync(claimed.Id, 41, CancellationToken.None);

        // A renews in time: B, starting or looking later, leaves the job alone however long it runs.
        for (var tick = 0; tick < 4; tick++)
        {
            Clock.Advance(Lease / 2);
            Assert.Equal([claimed.Id], await a.RenewAsync(CancellationToken.None));
            Assert.Equal((0, 0), Counts(await b.RecoverInterruptedAsync(4, TimeSpan.FromSeconds(30), CancellationToken.None)));
            Assert.Null(await b.ClaimNextAsync(CancellationToken.None));
        }

        // A stops renewing (paused, cut off, killed): once its lease ran out, B takes the job over at once.
        Clock.Advance(Lease + TimeSpan.FromMilliseconds(1));
        Assert.Equal((1, 0), Counts(await b.RecoverInterruptedAsync(4, TimeSpan.FromSeconds(30), CancellationToken.None)));
        var takenOver = (await b.ClaimNextAsync(CancellationToken.None))!;
        Assert.Equal((claimed.Id, 2, 41L), (takenOver.Id, takenOver.Attempts, takenOver.CheckRunId));
        Assert.True(await b.IsCurrentAsync(claimed.Id, CancellationToken.None));

        // A, back, learns it holds nothing, and nothing it writes about the job lands.
        Assert.Empty(await a.RenewAsync(CancellationToken.None));
        Assert.False(await a.IsCurrentAsync(claimed.Id, CancellationToken.None));
        await a.SetCheckRunAsync(claimed.Id, 99, CancellationToken.None);
        await a.CompleteAsync(claimed.Id, CancellationToken.None);
        await a.RequeueAsync(claimed.Id, CancellationToken.None);
        Assert.Equal(JobState.Running, await a.FailAttemptAsync(claimed.Id, "late", null, CancellationToken.None));
        var row = (await b.FindAsync(claimed.Id, CancellationToken.None))!;
        Assert.Equal((JobState.Running, 41L, 2), (row.State, row.CheckRunId, row.Attempts));

        await b.CompleteAsync(claimed.Id, CancellationToken.None);
        Assert.Equal(JobState.Completed, (await b.FindAsync(claimed.Id, CancellationToken.None))!.State);
    }

    [StoreFact]
    public async Task CommandsAndCleanups_AreLeasedToo()
    {
        await using var replicas = new TwoReplicas(Database.ConnectionString, Clock);
        var (a, b) = (replicas.A, replicas.B);
        await a.RecordCommandAsync("d1", "issue_comment", new CommandRequest(1, 10, "o", "r", 2, "u", "main", 77, "octocat", "OWNER", "rerun"), CancellationToken.None);
        await a.RecordRepositoriesRemovedAsync("d2", "installation_repositories", 1, [11], CancellationToken.None);
        var command = (await a.ClaimNextCommandAsync(CancellationToken.None))!;
        var cleanup = (await a.ClaimNextCleanupAsync(CancellationToken.None))!;

        Clock.Advance(Lease / 2);
        await a.RenewAsync(CancellationToken.None);
        Clock.Advance(Lease / 2 + TimeSpan.FromMilliseconds(1));
        await b.RecoverInterruptedAsync(4, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Null(await b.ClaimNextCommandAsync(CancellationToken.None));
        Assert.Null(await b.ClaimNextCleanupAsync(CancellationToken.None));

        Clock.Advance(Lease);
        await b.RecoverInterruptedAsync(4, TimeSpan.FromSeconds(30), CancellationToken.None);
        var commandAgain = (await b.ClaimNextCommandAsync(CancellationToken.None))!;
        var cleanupAgain = (await b.ClaimNextCleanupAsync(CancellationToken.None))!;
        Assert.Equal((command.Id, 2), (commandAgain.Id, commandAgain.Attempts));
        Assert.Equal((cleanup.Id, 2), (cleanupAgain.Id, cleanupAgain.Attempts));

        // A's late word on them is not taken: B holds them, and they stay running until B finishes.
        await a.FinishCommandAsync(command.Id, JobState.Completed, null, null, CancellationToken.None);
        await a.FinishCleanupAsync(cleanup.Id, JobState.Completed, null, null, CancellationToken.None);
        using var connection = new NpgsqlConnection(Database.ConnectionString);
        connection.Open();
        foreach (var table in new[] { "commands", "cleanups" })
        {
            using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE state = 'running' AND lease_owner = 'replica-b'", connection);
            Assert.Equal(1L, count.ExecuteScalar());
        }
    }

    [StoreFact]
    public async Task AJobWithdrawnWhileItsReplicaDied_IsHandedToAnotherToConcludeItsRun_OnceAndOnlyThen()
    {
        await using var replicas = new TwoReplicas(Database.ConnectionString, Clock);
        var (a, b) = (replicas.A, replicas.B);
        await a.RecordReviewAsync("d1", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "aaa", "main", "u", "main", "t"), CancellationToken.None);
        await a.RecordReviewAsync("d2", "pull_request", new ReviewRequest(1, 10, "o", "r", 3, "ccc", "main", "u", "main", "t"), CancellationToken.None);
        var dies = (await a.ClaimNextAsync(CancellationToken.None))!;
        var concludes = (await a.ClaimNextAsync(CancellationToken.None))!;
        await a.SetCheckRunAsync(dies.Id, 41, CancellationToken.None);
        await a.SetCheckRunAsync(concludes.Id, 42, CancellationToken.None);

        // Both are superseded by newer heads while A runs them; A concludes one run and gives it up, then dies.
        await b.RecordReviewAsync("d3", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "bbb", "main", "u", "main", "t"), CancellationToken.None);
        await b.RecordReviewAsync("d4", "pull_request", new ReviewRequest(1, 10, "o", "r", 3, "ddd", "main", "u", "main", "t"), CancellationToken.None);
        await a.ReleaseAsync(concludes.Id, CancellationToken.None);
        Clock.Advance(Lease / 2);
        Assert.Empty(await a.RenewAsync(CancellationToken.None)); // nothing running, but the withdrawn one stays A's
        Clock.Advance(Lease / 2 + TimeSpan.FromMilliseconds(1));
        Assert.Empty((await b.RecoverInterruptedAsync(4, TimeSpan.Zero, CancellationToken.None)).Withdrawn);

        Clock.Advance(Lease);
        var withdrawn = Assert.Single((await b.RecoverInterruptedAsync(4, TimeSpan.Zero, CancellationToken.None)).Withdrawn);
        Assert.Equal((dies.Id, JobState.Superseded, 41L), (withdrawn.Id, withdrawn.State, withdrawn.CheckRunId));
        Assert.Empty((await b.RecoverInterruptedAsync(4, TimeSpan.Zero, CancellationToken.None)).Withdrawn);
    }

    [StoreFact]
    public async Task AQueuedJobWithdrawnWithTheRunOfAnEarlierAttempt_IsHandedToTheNextRecovery()
    {
        await using var replicas = new TwoReplicas(Database.ConnectionString, Clock);
        var (a, b) = (replicas.A, replicas.B);
        await a.RecordReviewAsync("d1", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "aaa", "main", "u", "main", "t"), CancellationToken.None);
        var first = (await a.ClaimNextAsync(CancellationToken.None))!;
        await a.SetCheckRunAsync(first.Id, 41, CancellationToken.None);
        Assert.Equal(JobState.Queued, await a.FailAttemptAsync(first.Id, "boom", Clock.GetUtcNow().AddSeconds(30), CancellationToken.None));

        // A newer head supersedes it before its retry: nobody runs it, so nobody would conclude run 41.
        await b.RecordReviewAsync("d2", "pull_request", new ReviewRequest(1, 10, "o", "r", 2, "bbb", "main", "u", "main", "t"), CancellationToken.None);
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var withdrawn = Assert.Single((await b.RecoverInterruptedAsync(4, TimeSpan.Zero, CancellationToken.None)).Withdrawn);
        Assert.Equal((first.Id, JobState.Superseded, 41L), (withdrawn.Id, withdrawn.State, withdrawn.CheckRunId));
        Assert.Empty((await a.RecoverInterruptedAsync(4, TimeSpan.Zero, CancellationToken.None)).Withdrawn);
    }

    /// <summary>Two replicas' stores on the test's database and clock, each with its own connections.</summary>
    private sealed class TwoReplicas : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _sourceA;
        private readonly NpgsqlDataSource _sourceB;

        public TwoReplicas(string connectionString, TimeProvider clock)
        {
            _sourceA = NpgsqlDataSource.Create(connectionString);
            _sourceB = NpgsqlDataSource.Create(connectionString);
            A = new PostgresJobStore(_sourceA, clock, Lease, owner: "replica-a");
            B = new PostgresJobStore(_sourceB, clock, Lease, owner: "replica-b");
        }

        public PostgresJobStore A { get; }

        public PostgresJobStore B { get; }

        public async ValueTask DisposeAsync()
        {
            await _sourceA.DisposeAsync();
            await _sourceB.DisposeAsync();
        }
    }

    private static (int Requeued, int Failed) Counts(RecoveryResult result) => (result.Requeued, result.Failed.Count);
}
