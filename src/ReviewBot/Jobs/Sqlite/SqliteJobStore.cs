using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ReviewBot.Jobs.Sqlite;

/// <summary>
/// The durable job queue: a SQLite database in the data directory. A delivery is recorded (and its job queued) in a
/// committed transaction before the webhook is acknowledged, deliveries that arrive together in one
/// (<see cref="GroupCommit{TScope}"/>); a delivery id seen before is a no-op. One active job per
/// (repository, pull request): a job for another head sha supersedes a queued or running one. Jobs left running by a
/// dead process are queued again on start; a failed attempt is retried after a doubling delay, up to a bound.
/// </summary>
internal sealed class SqliteJobStore : IDeliveryLog, IReviewQueue, ICommandQueue, ICleanupQueue, IQueueRetention, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly GroupCommit<(SqliteConnection Connection, SqliteTransaction Transaction)> _deliveries;
    private readonly SqliteCheckpointer _checkpointer;

    /// <param name="databasePath">The database file, created with its folder when missing.</param>
    /// <param name="time">The clock of the jobs' times.</param>
    /// <param name="checkpointInterval">How often the log is copied into the database file (<see cref="SqliteCheckpointer"/>).</param>
    public SqliteJobStore(string databasePath, TimeProvider time, TimeSpan? checkpointInterval = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _time = time;
        _deliveries = new(work => WriteAsync(connection =>
        {
            // What GitHub will not send again is flushed to disk before it is acknowledged (see Open).
            Execute(connection, "PRAGMA synchronous = FULL");
            using var transaction = connection.BeginTransaction();
            var written = work((connection, transaction));
            // SQLite's writes here are synchronous: the task is complete, and the commit must follow them on this thread.
            if (!written.IsCompleted) throw new InvalidOperationException("A SQLite delivery write did not complete synchronously.");
            written.GetAwaiter().GetResult();
            transaction.Commit();
            return true;
        }, CancellationToken.None));
        Run(CreateSchema);
        _checkpointer = new SqliteCheckpointer(Open, checkpointInterval ?? SqliteCheckpointer.DefaultInterval);
    }

    private static int CreateSchema(SqliteConnection connection)
    {
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS deliveries (
                id TEXT PRIMARY KEY,
                event TEXT NOT NULL,
                received_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                installation_id INTEGER NOT NULL,
                repository_id INTEGER NOT NULL,
                owner TEXT NOT NULL,
                name TEXT NOT NULL,
                pull_number INTEGER NOT NULL,
                head_sha TEXT NOT NULL,
                base_ref TEXT NOT NULL,
                clone_url TEXT NOT NULL,
                default_branch TEXT NOT NULL,
                trigger TEXT NOT NULL,
                draft INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before INTEGER NOT NULL,
                check_run_id INTEGER,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, not_before);
            CREATE INDEX IF NOT EXISTS jobs_by_pull ON jobs (repository_id, pull_number, state);
            CREATE TABLE IF NOT EXISTS commands (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                installation_id INTEGER NOT NULL,
                repository_id INTEGER NOT NULL,
                owner TEXT NOT NULL,
                name TEXT NOT NULL,
                pull_number INTEGER NOT NULL,
                clone_url TEXT NOT NULL,
                default_branch TEXT NOT NULL,
                comment_id INTEGER NOT NULL,
                author TEXT NOT NULL,
                author_association TEXT NOT NULL,
                command TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before INTEGER NOT NULL,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS commands_by_state ON commands (state, not_before);
            CREATE UNIQUE INDEX IF NOT EXISTS commands_by_comment ON commands (comment_id);
            CREATE TABLE IF NOT EXISTS cleanups (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                installation_id INTEGER,
                repository_ids TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before INTEGER NOT NULL,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS cleanups_by_state ON cleanups (state, not_before);
            """);
        // Databases written before slash commands lack the column of the comment to react on.
        if (!HasColumn(connection, "jobs", "comment_id")) Execute(connection, "ALTER TABLE jobs ADD COLUMN comment_id INTEGER");
        // ... and the pull request's updated_at, which orders deliveries that GitHub sent out of order.
        if (!HasColumn(connection, "jobs", "pr_updated_at")) Execute(connection, "ALTER TABLE jobs ADD COLUMN pr_updated_at INTEGER");
        // ... and the delivery that asked and its trace, which the job's spans and log entries continue.
        foreach (var table in new[] { "jobs", "commands" })
        {
            if (!HasColumn(connection, table, "delivery_id")) Execute(connection, $"ALTER TABLE {table} ADD COLUMN delivery_id TEXT");
            if (!HasColumn(connection, table, "trace_parent")) Execute(connection, $"ALTER TABLE {table} ADD COLUMN trace_parent TEXT");
        }

        return 0;
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<IReadOnlyList<QueueLevel>> QueueLevelsAsync(CancellationToken cancellationToken) => ReadAsync<IReadOnlyList<QueueLevel>>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = QueueLevel.Sql;
        using var reader = command.ExecuteReader();
        var levels = new List<QueueLevel>();
        while (reader.Read()) levels.Add(QueueLevel.Read(reader));
        return levels;
    });

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM jobs WHERE state = 'queued'";
                command.ExecuteScalar();
                return true;
            }).ConfigureAwait(false);
        }
        catch (JobStoreException)
        {
            return false;
        }
    }

    /// <summary>
    /// Records delivery <paramref name="deliveryId"/> and, when <paramref name="request"/> is given, queues its job; both
    /// or neither are written.
    /// </summary>
    public Task<EnqueueResult> RecordReviewAsync(string deliveryId, string eventName, ReviewRequest? request, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync(scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!InsertDelivery(connection, transaction, deliveryId, eventName, now)) return Task.FromResult(new EnqueueResult(DeliveryOutcome.Redelivery, null, []));
            return Task.FromResult(request is null ? new EnqueueResult(DeliveryOutcome.Ignored, null, []) : Enqueue(connection, transaction, request, now));
        });

    private static EnqueueResult Enqueue(SqliteConnection connection, SqliteTransaction transaction, ReviewRequest request, long now)
    {
        using (var same = connection.CreateCommand())
        {
            same.Transaction = transaction;
            same.CommandText = """
                SELECT id FROM jobs WHERE repository_id = $repo AND pull_number = $pull AND head_sha = $sha
                AND state IN ('queued', 'running') LIMIT 1
                """;
            same.Parameters.AddWithValue("$repo", request.RepositoryId);
            same.Parameters.AddWithValue("$pull", request.PullNumber);
            same.Parameters.AddWithValue("$sha", request.HeadSha);
            if (same.ExecuteScalar() is long existing)
            {
                if (request.CommentId is { } commentId)
                {
                    // The job under way answers the command too.
                    using var attach = connection.CreateCommand();
                    attach.Transaction = transaction;
                    attach.CommandText = "UPDATE jobs SET comment_id = coalesce(comment_id, $comment) WHERE id = $id";
                    attach.Parameters.AddWithValue("$comment", commentId);
                    attach.Parameters.AddWithValue("$id", existing);
                    attach.ExecuteNonQuery();
                }

                return new EnqueueResult(DeliveryOutcome.AlreadyQueued, existing, []);
            }
        }

        if (request.UpdatedAt is { } updatedAt)
        {
            // A delivery of an older head that arrives after a newer one's must not supersede it.
            using var newer = connection.CreateCommand();
            newer.Transaction = transaction;
            newer.CommandText = """
                SELECT 1 FROM jobs WHERE repository_id = $repo AND pull_number = $pull AND head_sha <> $sha
                AND pr_updated_at > $updated LIMIT 1
                """;
            newer.Parameters.AddWithValue("$repo", request.RepositoryId);
            newer.Parameters.AddWithValue("$pull", request.PullNumber);
            newer.Parameters.AddWithValue("$sha", request.HeadSha);
            newer.Parameters.AddWithValue("$updated", updatedAt.ToUnixTimeMilliseconds());
            if (newer.ExecuteScalar() is not null) return new EnqueueResult(DeliveryOutcome.Outdated, null, []);
        }

        var superseded = EndActiveJobs(connection, transaction, request.RepositoryId, request.PullNumber, JobState.Superseded, now);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO jobs (installation_id, repository_id, owner, name, pull_number, head_sha, base_ref, clone_url,
                default_branch, trigger, draft, comment_id, pr_updated_at, delivery_id, trace_parent, state, attempts, not_before, created_at, updated_at)
            VALUES ($inst, $repo, $owner, $name, $pull, $sha, $base, $clone, $default, $trigger, $draft, $comment, $prUpdated, $delivery, $trace,
                'queued', 0, $now, $now, $now)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("$inst", request.InstallationId);
        insert.Parameters.AddWithValue("$repo", request.RepositoryId);
        insert.Parameters.AddWithValue("$owner", request.Owner);
        insert.Parameters.AddWithValue("$name", request.Name);
        insert.Parameters.AddWithValue("$pull", request.PullNumber);
        insert.Parameters.AddWithValue("$sha", request.HeadSha);
        insert.Parameters.AddWithValue("$base", request.BaseRef);
        insert.Parameters.AddWithValue("$clone", request.CloneUrl);
        insert.Parameters.AddWithValue("$default", request.DefaultBranch);
        insert.Parameters.AddWithValue("$trigger", request.Trigger);
        insert.Parameters.AddWithValue("$draft", request.Draft ? 1 : 0);
        insert.Parameters.AddWithValue("$comment", request.CommentId is { } comment ? comment : DBNull.Value);
        insert.Parameters.AddWithValue("$prUpdated", request.UpdatedAt is { } prUpdated ? prUpdated.ToUnixTimeMilliseconds() : DBNull.Value);
        insert.Parameters.AddWithValue("$delivery", (object?)request.Delivery ?? DBNull.Value);
        insert.Parameters.AddWithValue("$trace", (object?)request.TraceParent ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", now);
        var id = (long)insert.ExecuteScalar()!;
        return new EnqueueResult(DeliveryOutcome.Queued, id, superseded);
    }

    /// <summary>Moves the queued and running jobs of a pull request to <paramref name="state"/>; returns their ids.</summary>
    private static List<long> EndActiveJobs(SqliteConnection connection, SqliteTransaction transaction, long repositoryId, int pullNumber, JobState state, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE jobs SET state = $state, updated_at = $now
            WHERE repository_id = $repo AND pull_number = $pull AND state IN ('queued', 'running') RETURNING id
            """;
        command.Parameters.AddWithValue("$state", JobRows.StateText(state));
        command.Parameters.AddWithValue("$repo", repositoryId);
        command.Parameters.AddWithValue("$pull", pullNumber);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Nothing to give up: one process, no leases.</summary>
    public Task ReleaseAsync(long id, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<RecoveryResult> RecoverInterruptedAsync(int maxAttempts, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        WriteAsync(connection => RecoverInterrupted(connection, maxAttempts, retryDelay), cancellationToken);

    private RecoveryResult RecoverInterrupted(SqliteConnection connection, int maxAttempts, TimeSpan retryDelay)
    {
        using var transaction = connection.BeginTransaction();
        var now = Now;
        var failed = new List<ReviewJob>();
        using (var fail = connection.CreateCommand())
        {
            fail.Transaction = transaction;
            fail.CommandText = """
                UPDATE jobs SET state = 'failed', last_error = $error, updated_at = $now
                WHERE state = 'running' AND attempts >= $max RETURNING *
                """;
            fail.Parameters.AddWithValue("$error", InterruptedAttempt.Error);
            fail.Parameters.AddWithValue("$now", now);
            fail.Parameters.AddWithValue("$max", maxAttempts);
            using var reader = fail.ExecuteReader();
            while (reader.Read()) failed.Add(JobRows.ReadJob(reader));
        }

        var requeued = 0;
        using (var requeue = connection.CreateCommand())
        {
            requeue.Transaction = transaction;
            // The first interruption is most likely the process stopped, not the job's doing: queued again at once. From the
            // second on the delay doubles per attempt, so that a job that kills its process lets other work go first;
            // attempts stays below maxAttempts (at most 100) here, the shift is capped anyway.
            requeue.CommandText = """
                UPDATE commands SET state = 'failed', last_error = $error, updated_at = $now WHERE state = 'running' AND attempts >= $max;
                UPDATE cleanups SET state = 'failed', last_error = $error, updated_at = $now WHERE state = 'running' AND attempts >= $max;
                UPDATE cleanups SET state = 'queued', last_error = $error, updated_at = $now,
                    not_before = $now + CASE WHEN attempts <= 1 THEN 0 ELSE $delay * (1 << min(attempts - 2, 20)) END
                WHERE state = 'running';
                UPDATE commands SET state = 'queued', last_error = $error, updated_at = $now,
                    not_before = $now + CASE WHEN attempts <= 1 THEN 0 ELSE $delay * (1 << min(attempts - 2, 20)) END
                WHERE state = 'running';
                UPDATE jobs SET state = 'queued', last_error = $error, updated_at = $now,
                    not_before = $now + CASE WHEN attempts <= 1 THEN 0 ELSE $delay * (1 << min(attempts - 2, 20)) END
                WHERE state = 'running' RETURNING id;
                """;
            requeue.Parameters.AddWithValue("$error", InterruptedAttempt.Error);
            requeue.Parameters.AddWithValue("$now", now);
            requeue.Parameters.AddWithValue("$max", maxAttempts);
            requeue.Parameters.AddWithValue("$delay", (long)retryDelay.TotalMilliseconds);
            using var reader = requeue.ExecuteReader();
            do
            {
                while (reader.Read()) requeued++;
            }
            while (reader.NextResult());
        }

        transaction.Commit();
        return new RecoveryResult(requeued, failed);
    }

    public Task<int> PruneAsync(TimeSpan age, CancellationToken cancellationToken) => WriteAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM deliveries WHERE received_at < $cutoff;
            DELETE FROM jobs WHERE updated_at < $cutoff AND state IN ('completed', 'failed', 'superseded', 'cancelled');
            DELETE FROM commands WHERE updated_at < $cutoff AND state <> 'queued' AND state <> 'running';
            DELETE FROM cleanups WHERE updated_at < $cutoff AND state <> 'queued' AND state <> 'running';
            """;
        command.Parameters.AddWithValue("$cutoff", (_time.GetUtcNow() - age).ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    }, cancellationToken);

    public Task RequeueAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0), updated_at = $now WHERE id = $id AND state = 'running'", id, null, cancellationToken);

    public Task<ReviewJob?> ClaimNextAsync(CancellationToken cancellationToken) => WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = $now
                WHERE id = (
                    SELECT j.id FROM jobs j
                    WHERE j.state = 'queued' AND j.not_before <= $now
                    AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.state = 'running'
                        AND r.repository_id = j.repository_id AND r.pull_number = j.pull_number)
                    ORDER BY j.not_before, j.id LIMIT 1)
                RETURNING *
                """;
            command.Parameters.AddWithValue("$now", Now);
            using var reader = command.ExecuteReader();
            return reader.Read() ? JobRows.ReadJob(reader) : null;
        }, cancellationToken);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => ReadAsync<DateTimeOffset?>(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(t) FROM (SELECT min(not_before) AS t FROM jobs WHERE state = 'queued' UNION ALL SELECT min(not_before) FROM commands WHERE state = 'queued'"
            + " UNION ALL SELECT min(not_before) FROM cleanups WHERE state = 'queued')";
        return command.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    });

    public Task<ReviewJob?> FindAsync(long id, CancellationToken cancellationToken) => ReadAsync(connection => Find(connection, id));

    private static ReviewJob? Find(SqliteConnection connection, long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? JobRows.ReadJob(reader) : null;
    }

    public async Task<bool> IsCurrentAsync(long id, CancellationToken cancellationToken) =>
        (await FindAsync(id, cancellationToken).ConfigureAwait(false))?.State == JobState.Running;

    public Task SetCheckRunAsync(long id, long checkRunId, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE jobs SET check_run_id = $value, updated_at = $now WHERE id = $id", id, checkRunId, cancellationToken);

    public Task SupersedeAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE jobs SET state = 'superseded', updated_at = $now WHERE id = $id AND state = 'running'", id, null, cancellationToken);

    public Task CompleteAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE jobs SET state = 'completed', last_error = NULL, updated_at = $now WHERE id = $id AND state = 'running'", id, null, cancellationToken);

    public Task<JobState> FailAttemptAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) => WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE jobs SET state = $state, last_error = $error, not_before = $notBefore, updated_at = $now
                WHERE id = $id AND state = 'running' RETURNING state
                """;
            command.Parameters.AddWithValue("$state", JobRows.StateText(retryAt is null ? JobState.Failed : JobState.Queued));
            command.Parameters.AddWithValue("$error", error);
            command.Parameters.AddWithValue("$notBefore", retryAt?.ToUnixTimeMilliseconds() ?? Now);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() is string state ? JobRows.ParseState(state) : Find(connection, id)?.State ?? JobState.Cancelled;
        }, cancellationToken);

    public Task<IReadOnlyList<long>?> RecordRepositoriesRemovedAsync(
        string deliveryId, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync<IReadOnlyList<long>?>(scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!InsertDelivery(connection, transaction, deliveryId, eventName, now)) return Task.FromResult<IReadOnlyList<long>?>(null);
            var cancelled = CancelRepositories(connection, transaction, repositoryIds, now);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO cleanups (installation_id, repository_ids, state, attempts, not_before, created_at, updated_at)
                VALUES ($inst, $repos, 'queued', 0, $now, $now, $now)
                """;
            insert.Parameters.AddWithValue("$inst", installationId is { } id ? id : DBNull.Value);
            insert.Parameters.AddWithValue("$repos", string.Join(',', repositoryIds.Select(r => r.ToString(CultureInfo.InvariantCulture))));
            insert.Parameters.AddWithValue("$now", now);
            insert.ExecuteNonQuery();
            return Task.FromResult<IReadOnlyList<long>?>(cancelled);
        });

    /// <summary>Cancels the queued and running jobs and the queued commands of <paramref name="repositoryIds"/>; returns the job ids.</summary>
    private static List<long> CancelRepositories(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<long> repositoryIds, long now)
    {
        var ids = new List<long>();
        if (repositoryIds.Count == 0) return ids;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = repositoryIds.Select((_, i) => "$r" + i).ToArray();
        var list = string.Join(',', names);
        command.CommandText = $"""
            UPDATE commands SET state = 'cancelled', updated_at = $now WHERE state = 'queued' AND repository_id IN ({list});
            UPDATE jobs SET state = 'cancelled', updated_at = $now WHERE state IN ('queued', 'running') AND repository_id IN ({list}) RETURNING id;
            """;
        var index = 0;
        foreach (var id in repositoryIds) command.Parameters.AddWithValue(names[index++], id);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read()) ids.Add(reader.GetInt64(0));
        }
        while (reader.NextResult());
        return ids;
    }

    public Task<CleanupJob?> ClaimNextCleanupAsync(CancellationToken cancellationToken) => WriteAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE cleanups SET state = 'running', attempts = attempts + 1, updated_at = $now
            WHERE id = (SELECT id FROM cleanups WHERE state = 'queued' AND not_before <= $now ORDER BY not_before, id LIMIT 1)
            RETURNING id, installation_id, repository_ids, attempts
            """;
        command.Parameters.AddWithValue("$now", Now);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return (CleanupJob?)null;
        var repositories = reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => long.Parse(r, CultureInfo.InvariantCulture)).ToList();
        return new CleanupJob(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), repositories, reader.GetInt32(3));
    }, cancellationToken);

    public Task FinishCleanupAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        Finish("cleanups", id, state, error, retryAt, cancellationToken);

    public Task<EnqueueResult> EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken) => WriteAsync(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var result = Enqueue(connection, transaction, request, Now);
        transaction.Commit();
        return result;
    }, cancellationToken);

    public Task<DeliveryOutcome> RecordCommandAsync(string deliveryId, string eventName, CommandRequest request, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync(scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!InsertDelivery(connection, transaction, deliveryId, eventName, now)) return Task.FromResult(DeliveryOutcome.Redelivery);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO commands (installation_id, repository_id, owner, name, pull_number, clone_url, default_branch,
                    comment_id, author, author_association, command, delivery_id, trace_parent, state, attempts, not_before, created_at, updated_at)
                VALUES ($inst, $repo, $owner, $name, $pull, $clone, $default, $comment, $author, $association, $command, $delivery, $trace,
                    'queued', 0, $now, $now, $now)
                ON CONFLICT (comment_id) DO NOTHING
                """;
            insert.Parameters.AddWithValue("$inst", request.InstallationId);
            insert.Parameters.AddWithValue("$repo", request.RepositoryId);
            insert.Parameters.AddWithValue("$owner", request.Owner);
            insert.Parameters.AddWithValue("$name", request.Name);
            insert.Parameters.AddWithValue("$pull", request.PullNumber);
            insert.Parameters.AddWithValue("$clone", request.CloneUrl);
            insert.Parameters.AddWithValue("$default", request.DefaultBranch);
            insert.Parameters.AddWithValue("$comment", request.CommentId);
            insert.Parameters.AddWithValue("$author", request.Author);
            insert.Parameters.AddWithValue("$association", request.AuthorAssociation);
            insert.Parameters.AddWithValue("$delivery", (object?)request.Delivery ?? DBNull.Value);
            insert.Parameters.AddWithValue("$trace", (object?)request.TraceParent ?? DBNull.Value);
            insert.Parameters.AddWithValue("$command", request.Command);
            insert.Parameters.AddWithValue("$now", now);
            // One command per comment: a second delivery of the same comment (a new delivery id) is not a second command.
            var inserted = insert.ExecuteNonQuery();
            return Task.FromResult(inserted == 1 ? DeliveryOutcome.CommandQueued : DeliveryOutcome.Redelivery);
        });

    public Task<IReadOnlyList<long>?> RecordClosedAsync(string deliveryId, string eventName, long repositoryId, int pullNumber, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync<IReadOnlyList<long>?>(scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!InsertDelivery(connection, transaction, deliveryId, eventName, now)) return Task.FromResult<IReadOnlyList<long>?>(null);
            var ids = EndActiveJobs(connection, transaction, repositoryId, pullNumber, JobState.Cancelled, now);

            using (var commands = connection.CreateCommand())
            {
                commands.Transaction = transaction;
                commands.CommandText = """
                    UPDATE commands SET state = 'cancelled', updated_at = $now
                    WHERE repository_id = $repo AND pull_number = $pull AND state = 'queued'
                    """;
                commands.Parameters.AddWithValue("$repo", repositoryId);
                commands.Parameters.AddWithValue("$pull", pullNumber);
                commands.Parameters.AddWithValue("$now", now);
                commands.ExecuteNonQuery();
            }

            return Task.FromResult<IReadOnlyList<long>?>(ids);
        });

    public Task<CommandJob?> ClaimNextCommandAsync(CancellationToken cancellationToken) => WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE commands SET state = 'running', attempts = attempts + 1, updated_at = $now
                WHERE id = (SELECT id FROM commands WHERE state = 'queued' AND not_before <= $now ORDER BY not_before, id LIMIT 1)
                RETURNING *
                """;
            command.Parameters.AddWithValue("$now", Now);
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return (CommandJob?)null;
            return JobRows.ReadCommand(reader);
        }, cancellationToken);

    public Task FinishCommandAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        Finish("commands", id, state, error, retryAt, cancellationToken);

    /// <summary>Ends a running command or clean-up in <paramref name="state"/>, or queues it again at <paramref name="retryAt"/>.</summary>
    private Task<int> Finish(string table, long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE {table} SET state = $state, last_error = $error, not_before = $notBefore, updated_at = $now
                WHERE id = $id AND state = 'running'
                """;
            command.Parameters.AddWithValue("$state", JobRows.StateText(retryAt is null ? state : JobState.Queued));
            command.Parameters.AddWithValue("$error", error is null ? DBNull.Value : error);
            command.Parameters.AddWithValue("$notBefore", retryAt?.ToUnixTimeMilliseconds() ?? Now);
            command.Parameters.AddWithValue("$now", Now);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static bool InsertDelivery(SqliteConnection connection, SqliteTransaction transaction, string deliveryId, string eventName, long now)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO deliveries (id, event, received_at) VALUES ($id, $event, $now)";
        insert.Parameters.AddWithValue("$id", deliveryId);
        insert.Parameters.AddWithValue("$event", eventName);
        insert.Parameters.AddWithValue("$now", now);
        return insert.ExecuteNonQuery() > 0;
    }

    public void Dispose()
    {
        _checkpointer.Dispose();
        _writer.Dispose();
        // This store's pooled connections only: clearing every pool closed another store's connections in the same
        // process, and the last connection to close a database checkpoints its log, whatever wal_autocheckpoint says.
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private Task UpdateAsync(string sql, long id, object? value, CancellationToken cancellationToken) => WriteAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", Now);
        if (value is not null) command.Parameters.AddWithValue("$value", value);
        return command.ExecuteNonQuery();
    }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on a connection of its own, one writer at a time (SQLite has one writer; waiting
    /// here is cheaper than its busy loop), with SQLite's errors as the store-neutral <see cref="JobStoreException"/>.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Run(work);
        }
        finally
        {
            _checkpointer.Written();
            _writer.Release();
        }
    }

    /// <summary>Runs a read on a connection of its own, beside the writer (WAL lets readers and one writer overlap).</summary>
    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> work) => Task.FromResult(Run(work));

    private T Run<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = Open();
            return work(connection);
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    private static JobStoreException Translate(SqliteException e) => new(
        e.SqliteErrorCode == SQLiteConstraint ? JobStoreFailure.AlreadyThere : JobStoreFailure.Gone,
        $"The job database failed: {e.Message}",
        e);

    // https://www.sqlite.org/rescode.html#constraint
    private const int SQLiteConstraint = 19;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // NORMAL (in WAL mode: a commit survives a crash of the process, and the WAL is flushed to disk at checkpoints and
        // by the next FULL commit) for the workers' own progress, which a power cut at worst makes them redo; the
        // delivery writes switch to FULL, so that an acknowledged delivery survives a power cut too, with group commit
        // making that one flush for many deliveries. Fewer flushes leave the disk to the ones a webhook waits for. No commit
        // copies the log into the database file: the checkpointer's thread does (SqliteCheckpointer).
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; " + SqliteCheckpointer.WritersDoNotCheckpoint);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
