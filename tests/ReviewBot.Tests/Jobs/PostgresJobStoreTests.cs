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

    private protected override StoreUnderTest Reopen() => Wrap(Clock);

    private StoreUnderTest Wrap(TimeProvider clock)
    {
        var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        var store = new PostgresJobStore(dataSource, clock);
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
}
