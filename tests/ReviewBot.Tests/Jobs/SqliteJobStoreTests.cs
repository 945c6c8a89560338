using ReviewBot.Jobs;
using ReviewBot.Jobs.Sqlite;

namespace ReviewBot.Tests.Jobs;

/// <summary>The contract on a real SQLite file, and what only the SQLite store does: upgrading an older file.</summary>
public sealed class SqliteJobStoreTests : JobStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_root, "reviewbot.db");

    private protected override StoreUnderTest Open(TimeProvider clock) => Wrap(new SqliteJobStore(DatabasePath, clock));

    private protected override StoreUnderTest Reopen() => Wrap(new SqliteJobStore(DatabasePath, Clock));

    private StoreUnderTest Wrap(SqliteJobStore store)
    {
        var notifier = new InProcessJobNotifier();
        return new(store, store, store, store, store, notifier, QueueInspector.OfSqlite(DatabasePath), new Lifetime(store, notifier));
    }

    [Fact]
    public async Task AFileThatIsNotADatabase_FailsAsTheStoreBeingGone_NotAsSqlite()
    {
        var path = Path.Combine(_root, "not-a-database.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));

        var error = Assert.Throws<JobStoreException>(() => new SqliteJobStore(path, Clock));

        Assert.Equal(JobStoreFailure.Gone, error.Failure);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLog_IsCopiedIntoTheDatabaseFile_ByTheCheckpointer_NeverByADelivery()
    {
        // The writes alone, past the 1,000 pages at which SQLite's own checkpoint would run inside a commit.
        var written = Path.Combine(_root, "written.db");
        using (var store = new SqliteJobStore(written, Clock, Timeout.InfiniteTimeSpan))
        {
            var empty = new FileInfo(written).Length;
            for (var pull = 1; pull <= 600; pull++)
            {
                await store.RecordReviewAsync("d" + pull, "pull_request", Request("sha" + pull, pull), CancellationToken.None);
            }

            // Another store of the process disposed: it closes its own connections only. (The last connection to close a
            // database copies the log into the file, whatever wal_autocheckpoint says; this store's idle pooled ones were
            // closed too when a store's disposal cleared every pool.)
            new SqliteJobStore(Path.Combine(_root, "other.db"), Clock, Timeout.InfiniteTimeSpan).Dispose();
            Assert.True(new FileInfo(written + "-wal").Length > 1_000 * 4_096, $"the log holds {new FileInfo(written + "-wal").Length} bytes");
            Assert.Equal(empty, new FileInfo(written).Length);
        }

        // The checkpointer copies it soon after.
        var checkpointed = Path.Combine(_root, "checkpointed.db");
        using var checkpointing = new SqliteJobStore(checkpointed, Clock, TimeSpan.FromMilliseconds(50));
        var before = new FileInfo(checkpointed).Length;
        for (var pull = 1; pull <= 50; pull++)
        {
            await checkpointing.RecordReviewAsync("d" + pull, "pull_request", Request("sha" + pull, pull), CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(checkpointed).Length <= before && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(new FileInfo(checkpointed).Length > before, "the database file did not grow: nothing was checkpointed");
        Assert.Equal(50, QueueInspector.OfSqlite(checkpointed).DeliveryIds().Count);
    }

    private sealed class Lifetime(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts) part.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
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

        using var upgraded = new SqliteJobStore(path, Clock);

        var job = await upgraded.ClaimNextAsync(CancellationToken.None);
        Assert.Equal("aaa", job!.Request.HeadSha);
        Assert.Null(job.Request.CommentId);
        Assert.Equal(DeliveryOutcome.CommandQueued, await upgraded.RecordCommandAsync("c1", "issue_comment", JobStoreContractTests.Command(), CancellationToken.None));
    }
}
