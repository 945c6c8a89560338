using System.Net.Sockets;
using Npgsql;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// The job store in PostgreSQL, for an organisation that keeps its state in a database it already runs. The same
/// contract as the SQLite store: a delivery and its work committed before the webhook is answered (deliveries that arrive
/// together in one transaction, <see cref="GroupCommit{TScope}"/>), one active
/// job per pull request (serialised per pull request by an advisory lock, and held by a unique index), claims with
/// <c>FOR UPDATE SKIP LOCKED</c> so that workers never wait on each other. Times are the store's clock in Unix
/// milliseconds, as in SQLite, so that tests move them.
/// <para>
/// Replicas share it: a claim takes a lease in this store's name (<see cref="Owner"/>) until <see cref="LeaseDuration"/>
/// from now, which the owner renews while it works (<see cref="RenewAsync"/>). Whatever a worker writes about its job
/// (its outcome, its check run, whether it is still the one to publish) holds only while the job is running under this
/// store's lease, so a replica that lost its lease (paused, cut off) cannot overwrite the work of the one that took the
/// job over. A lease that ran out is the only sign of a dead replica: <see cref="RecoverInterruptedAsync"/> takes
/// those jobs back, whoever calls it and whenever.
/// </para>
/// </summary>
internal sealed class PostgresJobStore : IDeliveryLog, IReviewQueue, ICommandQueue, ICleanupQueue, IQueueRetention, IJobLeases
{
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly GroupCommit<(NpgsqlConnection Connection, NpgsqlTransaction? Transaction)> _deliveries;

    /// <summary>
    /// Connects and migrates the schema; throws <see cref="JobStoreException"/> when either fails. The data source stays
    /// its creator's to dispose (the notifier shares it).
    /// </summary>
    public PostgresJobStore(NpgsqlDataSource dataSource, TimeProvider time, TimeSpan? leaseDuration = null, string? owner = null)
    {
        _dataSource = dataSource;
        _time = time;
        LeaseDuration = leaseDuration ?? new JobOptions().LeaseDuration;
        Owner = owner ?? JobLease.NewOwner();
        _deliveries = new(work => InTransactionAsync(async (connection, transaction) =>
        {
            await work((connection, transaction)).ConfigureAwait(false);
            return true;
        }, CancellationToken.None));
        try
        {
            using var connection = _dataSource.OpenConnection();
            PostgresSchema.Migrate(connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw Translate(e);
        }
    }

    /// <summary>Who this store claims jobs as: one name per process, kept in the job's row while it holds the lease.</summary>
    public string Owner { get; }

    public TimeSpan LeaseDuration { get; }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long LeaseUntil => Now + (long)LeaseDuration.TotalMilliseconds;

    public Task<IReadOnlyList<QueueLevel>> QueueLevelsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<QueueLevel>>(
            async (connection, transaction) => await Rows(connection, transaction, QueueLevel.Sql, QueueLevel.Read, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(async (connection, transaction) =>
            {
                await Scalar(connection, transaction, "SELECT count(*) FROM jobs WHERE state = 'queued'", cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (JobStoreException)
        {
            return false;
        }
    }

    /// <summary>How many connections <see cref="WarmUpAsync"/> readies at most: the deliveries a burst has in flight at once.</summary>
    public const int WarmConnections = 8;

    /// <summary>
    /// Opens as many connections as the pool keeps (its minimum size, at most <see cref="WarmConnections"/>) at once and
    /// has each run deliveries in a transaction that is rolled back, so that the deliveries of a burst find them ready: a
    /// server process's first call of <c>reviewbot_enqueue_review</c> compiles it and plans its statements (tens of
    /// milliseconds on a busy machine), and the driver prepares a statement after a few uses. The deliveries meet a job
    /// of the transaction's own (a negative id, of a pull request of its own): one arrives out of order and one finds its
    /// head queued, so that no job id is drawn (the ids of jobs stay 1, 2, 3...); only the supersede and the insert are
    /// planned at their first real use.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var connections = Math.Min(WarmConnections, new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).MinPoolSize);
        var opening = Enumerable.Range(0, connections).Select(_ => _dataSource.OpenConnectionAsync(cancellationToken).AsTask()).ToList();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
            await Task.WhenAll(opening.Select((connection, i) => WarmUpConnectionAsync(connection.Result, i + 1, cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw Translate(e);
        }
        finally
        {
            foreach (var connection in opening.Where(o => o.IsCompletedSuccessfully)) await connection.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WarmUpConnectionAsync(NpgsqlConnection connection, int pull, CancellationToken cancellationToken)
    {
        var queued = new ReviewRequest(0, -1, "warm-up", "warm-up", pull, "warm-up", "main", "", "main", "warm-up", CommentId: 1, UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(2));
        var older = queued with { HeadSha = "older", CommentId = null, UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1) };
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, """
            INSERT INTO jobs (id, installation_id, repository_id, owner, name, pull_number, head_sha, base_ref, clone_url,
                default_branch, trigger, pr_updated_at, state, not_before, created_at, updated_at)
            OVERRIDING SYSTEM VALUE VALUES (-@pull, 0, -1, 'warm-up', 'warm-up', @pull, 'warm-up', 'main', '', 'main', 'warm-up', 2, 'queued', 0, 0, 0)
            """, cancellationToken, ("pull", pull)).ConfigureAwait(false);
        for (var use = 0; use < 3; use++)
        {
            foreach (var request in new[] { older, queued })
            {
                await Enqueue(connection, transaction, request, Now, cancellationToken, (Guid.NewGuid().ToString(), "warm-up")).ConfigureAwait(false);
            }
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A review delivery is one statement in a transaction of its own, outside the group commit: one round trip whatever
    /// happens (<c>reviewbot_enqueue_review</c>, <see cref="PostgresSchema"/>), deliveries that arrive together run in
    /// parallel on connections of their own, and PostgreSQL flushes its log once for the commits that arrive together. One
    /// writer for many would make each wait for the others' round trips, and stall them all when its server process waits
    /// for a core. A delivery with nothing to queue is one insert.
    /// </summary>
    public Task<EnqueueResult> RecordReviewAsync(string deliveryId, string eventName, ReviewRequest? request, CancellationToken cancellationToken) =>
        RunAsync(async (connection, transaction) =>
        {
            if (request is null)
            {
                return await InsertDelivery(connection, transaction, deliveryId, eventName, Now, cancellationToken).ConfigureAwait(false)
                    ? new EnqueueResult(DeliveryOutcome.Ignored, null, [])
                    : new EnqueueResult(DeliveryOutcome.Redelivery, null, []);
            }

            return await Enqueue(connection, transaction, request, Now, cancellationToken, (deliveryId, eventName)).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Queues <paramref name="request"/> (a command's review): one statement, as a delivery's.</summary>
    public Task<EnqueueResult> EnqueueAsync(ReviewRequest request, CancellationToken cancellationToken) =>
        RunAsync((connection, transaction) => Enqueue(connection, transaction, request, Now, cancellationToken), cancellationToken);

    /// <summary>
    /// Queues <paramref name="request"/> unless its head is already queued or a newer head's delivery came first:
    /// <c>reviewbot_enqueue_review</c> records the delivery (when given), locks the pull request, reads what is queued for
    /// it after the lock, and supersedes and inserts.
    /// </summary>
    private static async Task<EnqueueResult> Enqueue(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, ReviewRequest request, long now, CancellationToken cancellationToken,
        (string Id, string Event)? delivery = null)
    {
        await using var command = new NpgsqlCommand(EnqueueSql, connection, transaction);
        // Typed: the function is chosen by its arguments' types, and a null's type is otherwise unknown.
        command.Parameters.Add(new NpgsqlParameter<string?>("delivery", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = delivery?.Id });
        command.Parameters.Add(new NpgsqlParameter<string?>("event", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = delivery?.Event });
        command.Parameters.Add(new NpgsqlParameter<long>("now", now));
        command.Parameters.Add(new NpgsqlParameter<long>("inst", request.InstallationId));
        command.Parameters.Add(new NpgsqlParameter<long>("repo", request.RepositoryId));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", request.Owner));
        command.Parameters.Add(new NpgsqlParameter<string>("name", request.Name));
        command.Parameters.Add(new NpgsqlParameter<int>("pull", request.PullNumber));
        command.Parameters.Add(new NpgsqlParameter<string>("sha", request.HeadSha));
        command.Parameters.Add(new NpgsqlParameter<string>("base", request.BaseRef));
        command.Parameters.Add(new NpgsqlParameter<string>("clone", request.CloneUrl));
        command.Parameters.Add(new NpgsqlParameter<string>("default", request.DefaultBranch));
        command.Parameters.Add(new NpgsqlParameter<string>("trigger", request.Trigger));
        command.Parameters.Add(new NpgsqlParameter<bool>("draft", request.Draft));
        command.Parameters.Add(new NpgsqlParameter<long?>("comment", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = request.CommentId });
        command.Parameters.Add(new NpgsqlParameter<long?>("prUpdated", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = request.UpdatedAt?.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter<string?>("jobDelivery", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = request.Delivery });
        command.Parameters.Add(new NpgsqlParameter<string?>("trace", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = request.TraceParent });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var outcome = reader.GetString(0) switch
        {
            "queued" => DeliveryOutcome.Queued,
            "already_queued" => DeliveryOutcome.AlreadyQueued,
            "outdated" => DeliveryOutcome.Outdated,
            "redelivery" => DeliveryOutcome.Redelivery,
            var other => throw new InvalidOperationException($"reviewbot_enqueue_review answered '{other}'"),
        };
        return new EnqueueResult(outcome, reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetFieldValue<long[]>(2));
    }

    private const string EnqueueSql = """
        SELECT outcome, job_id, superseded FROM reviewbot_enqueue_review(@delivery, @event, @now, @inst, @repo, @owner, @name,
            @pull, @sha, @base, @clone, @default, @trigger, @draft, @comment, @prUpdated, @jobDelivery, @trace)
        """;

    // The same key as the lock in reviewbot_enqueue_review (PostgresSchema): a closing and a review delivery of one
    // pull request must take one lock.
    private static Task<object?> LockPullRequest(NpgsqlConnection connection, NpgsqlTransaction? transaction, long repositoryId, int pullNumber, CancellationToken cancellationToken) =>
        Scalar(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@repo::text || '/' || @pull::text, 0))", cancellationToken,
            ("repo", repositoryId), ("pull", pullNumber));

    /// <summary>Moves the queued and running jobs of a pull request to <paramref name="state"/>; returns their ids.</summary>
    private static Task<List<long>> EndActiveJobs(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long repositoryId, int pullNumber, JobState state, long now, CancellationToken cancellationToken) =>
        Ids(connection, transaction, $"""
            UPDATE jobs SET state = @state, updated_at = @now, {HandOverOpenRun}
            WHERE repository_id = @repo AND pull_number = @pull AND state IN ('queued', 'running') RETURNING id
            """, cancellationToken, ("state", JobRows.StateText(state)), ("repo", repositoryId), ("pull", pullNumber), ("now", now));

    /// <summary>
    /// A queued job withdrawn with a check run of an earlier attempt has nobody to conclude that run: its lease is set
    /// to run out now, without an owner, so that the next recovery of any replica concludes it
    /// (<see cref="RecoveryResult.Withdrawn"/>). A running one keeps its worker's lease; the worker concludes it.
    /// <c>reviewbot_enqueue_review</c> (<see cref="PostgresSchema"/>) does the same when it supersedes.
    /// </summary>
    private const string HandOverOpenRun = "lease_until = CASE WHEN state = 'queued' AND check_run_id IS NOT NULL THEN @now ELSE lease_until END";

    public Task<DeliveryOutcome> RecordCommandAsync(string deliveryId, string eventName, CommandRequest request, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync(async scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!await InsertDelivery(connection, transaction, deliveryId, eventName, now, cancellationToken).ConfigureAwait(false)) return DeliveryOutcome.Redelivery;

            // One command per comment: a second delivery of the same comment (a new delivery id) is not a second command.
            var inserted = await Execute(connection, transaction, """
                INSERT INTO commands (installation_id, repository_id, owner, name, pull_number, clone_url, default_branch,
                    comment_id, author, author_association, command, delivery_id, trace_parent, state, attempts, not_before, created_at, updated_at)
                VALUES (@inst, @repo, @owner, @name, @pull, @clone, @default, @comment, @author, @association, @command, @delivery, @trace,
                    'queued', 0, @now, @now, @now)
                ON CONFLICT (comment_id) DO NOTHING
                """, cancellationToken,
                ("inst", request.InstallationId), ("repo", request.RepositoryId), ("owner", request.Owner), ("name", request.Name),
                ("pull", request.PullNumber), ("clone", request.CloneUrl), ("default", request.DefaultBranch), ("comment", request.CommentId),
                ("author", request.Author), ("association", request.AuthorAssociation), ("command", request.Command), ("now", now),
                ("delivery", request.Delivery), ("trace", request.TraceParent)).ConfigureAwait(false);
            return inserted == 1 ? DeliveryOutcome.CommandQueued : DeliveryOutcome.Redelivery;
        });

    public Task<IReadOnlyList<long>?> RecordClosedAsync(string deliveryId, string eventName, long repositoryId, int pullNumber, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync<IReadOnlyList<long>?>(async scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!await InsertDelivery(connection, transaction, deliveryId, eventName, now, cancellationToken).ConfigureAwait(false)) return null;
            await LockPullRequest(connection, transaction, repositoryId, pullNumber, cancellationToken).ConfigureAwait(false);
            var ids = await EndActiveJobs(connection, transaction, repositoryId, pullNumber, JobState.Cancelled, now, cancellationToken).ConfigureAwait(false);
            await Execute(connection, transaction, """
                UPDATE commands SET state = 'cancelled', updated_at = @now
                WHERE repository_id = @repo AND pull_number = @pull AND state = 'queued'
                """, cancellationToken, ("repo", repositoryId), ("pull", pullNumber), ("now", now)).ConfigureAwait(false);
            return ids;
        });

    public Task<IReadOnlyList<long>?> RecordRepositoriesRemovedAsync(
        string deliveryId, string eventName, long? installationId, IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken) =>
        _deliveries.WriteAsync<IReadOnlyList<long>?>(async scope =>
        {
            var (connection, transaction) = scope;
            var now = Now;
            if (!await InsertDelivery(connection, transaction, deliveryId, eventName, now, cancellationToken).ConfigureAwait(false)) return null;
            var repositories = repositoryIds.ToArray();
            await Execute(connection, transaction, "UPDATE commands SET state = 'cancelled', updated_at = @now WHERE state = 'queued' AND repository_id = ANY(@repos)",
                cancellationToken, ("repos", repositories), ("now", now)).ConfigureAwait(false);
            var cancelled = await Ids(connection, transaction,
                $"UPDATE jobs SET state = 'cancelled', updated_at = @now, {HandOverOpenRun} WHERE state IN ('queued', 'running') AND repository_id = ANY(@repos) RETURNING id",
                cancellationToken, ("repos", repositories), ("now", now)).ConfigureAwait(false);
            await Execute(connection, transaction, """
                INSERT INTO cleanups (installation_id, repository_ids, state, attempts, not_before, created_at, updated_at)
                VALUES (@inst, @repos, 'queued', 0, @now, @now, @now)
                """, cancellationToken, ("inst", installationId), ("repos", repositories), ("now", now)).ConfigureAwait(false);
            return cancelled;
        });

    public Task<ReviewJob?> ClaimNextAsync(CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
    {
        // Only one job of a pull request is ever active (queued or running), so the NOT EXISTS guards a job queued again
        // beside one still running; SKIP LOCKED lets each worker take another row instead of waiting for a claim.
        await using var command = Command(connection, transaction, """
            UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = @now, lease_owner = @owner, lease_until = @leaseUntil
            WHERE id = (
                SELECT j.id FROM jobs j
                WHERE j.state = 'queued' AND j.not_before <= @now
                AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.state = 'running'
                    AND r.repository_id = j.repository_id AND r.pull_number = j.pull_number)
                ORDER BY j.not_before, j.id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, ("now", Now), ("owner", Owner), ("leaseUntil", LeaseUntil));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.ReadJob(reader) : null;
    }, cancellationToken);

    public Task<CommandJob?> ClaimNextCommandAsync(CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
    {
        await using var command = Command(connection, transaction, """
            UPDATE commands SET state = 'running', attempts = attempts + 1, updated_at = @now, lease_owner = @owner, lease_until = @leaseUntil
            WHERE id = (SELECT id FROM commands WHERE state = 'queued' AND not_before <= @now ORDER BY not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """, ("now", Now), ("owner", Owner), ("leaseUntil", LeaseUntil));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return (CommandJob?)null;
        return JobRows.ReadCommand(reader);
    }, cancellationToken);

    public Task FinishCommandAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        Finish("commands", id, state, error, retryAt, cancellationToken);

    public Task<CleanupJob?> ClaimNextCleanupAsync(CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
    {
        await using var command = Command(connection, transaction, """
            UPDATE cleanups SET state = 'running', attempts = attempts + 1, updated_at = @now, lease_owner = @owner, lease_until = @leaseUntil
            WHERE id = (SELECT id FROM cleanups WHERE state = 'queued' AND not_before <= @now ORDER BY not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, installation_id, repository_ids, attempts
            """, ("now", Now), ("owner", Owner), ("leaseUntil", LeaseUntil));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return (CleanupJob?)null;
        return new CleanupJob(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetFieldValue<long[]>(2), reader.GetInt32(3));
    }, cancellationToken);

    public Task FinishCleanupAsync(long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        Finish("cleanups", id, state, error, retryAt, cancellationToken);

    /// <summary>Ends a running command or clean-up in <paramref name="state"/>, or queues it again at <paramref name="retryAt"/>.</summary>
    private Task<int> Finish(string table, long id, JobState state, string? error, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        RunAsync((connection, transaction) => Execute(connection, transaction, $"""
            UPDATE {table} SET state = @state, last_error = @error, not_before = @notBefore, updated_at = @now, {Released}
            WHERE id = @id AND {Held}
            """, cancellationToken,
            ("state", JobRows.StateText(retryAt is null ? state : JobState.Queued)), ("error", error), ("notBefore", retryAt?.ToUnixTimeMilliseconds() ?? Now),
            ("now", Now), ("id", id), ("owner", Owner)), cancellationToken);

    public Task<ReviewJob?> FindAsync(long id, CancellationToken cancellationToken) =>
        RunAsync((connection, transaction) => Find(connection, transaction, id, cancellationToken), cancellationToken);

    private static async Task<ReviewJob?> Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT * FROM jobs WHERE id = @id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JobRows.ReadJob(reader) : null;
    }

    public Task<bool> IsCurrentAsync(long id, CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
        await Scalar(connection, transaction, $"SELECT 1 FROM jobs WHERE id = @id AND {Held}", cancellationToken, ("id", id), ("owner", Owner)).ConfigureAwait(false) is not null, cancellationToken);

    public Task SetCheckRunAsync(long id, long checkRunId, CancellationToken cancellationToken) =>
        // Whatever its state: a job withdrawn while its run was being created still records it, to conclude it.
        UpdateAsync("UPDATE jobs SET check_run_id = @value, updated_at = @now WHERE id = @id AND lease_owner = @owner", id, checkRunId, cancellationToken);

    public Task CompleteAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync($"UPDATE jobs SET state = 'completed', last_error = NULL, updated_at = @now, {Released} WHERE id = @id AND {Held}", id, null, cancellationToken);

    public Task SupersedeAsync(long id, CancellationToken cancellationToken) =>
        // The lease stays until the worker concluded the check run (ReleaseAsync).
        UpdateAsync($"UPDATE jobs SET state = 'superseded', updated_at = @now WHERE id = @id AND {Held}", id, null, cancellationToken);

    public Task ReleaseAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync($"UPDATE jobs SET {Released} WHERE id = @id AND lease_owner = @owner AND state IN ('superseded', 'cancelled')", id, null, cancellationToken);

    public Task RequeueAsync(long id, CancellationToken cancellationToken) =>
        UpdateAsync($"UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0), updated_at = @now, {Released} WHERE id = @id AND {Held}", id, null, cancellationToken);

    public Task<JobState> FailAttemptAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
    {
        var applied = await Scalar(connection, transaction, $"""
            UPDATE jobs SET state = @state, last_error = @error, not_before = @notBefore, updated_at = @now, {Released}
            WHERE id = @id AND {Held} RETURNING state
            """, cancellationToken,
            ("state", JobRows.StateText(retryAt is null ? JobState.Failed : JobState.Queued)), ("error", error),
            ("notBefore", retryAt?.ToUnixTimeMilliseconds() ?? Now), ("now", Now), ("id", id), ("owner", Owner)).ConfigureAwait(false);
        if (applied is string done) return JobRows.ParseState(done);
        return await Scalar(connection, transaction, "SELECT state FROM jobs WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false) switch
        {
            // Active, but not ours any more: another replica took the job over, and Running says so.
            "queued" or "running" => JobState.Running,
            string text => JobRows.ParseState(text),
            _ => JobState.Cancelled,
        };
    }, cancellationToken);

    /// <summary>
    /// Takes back the jobs, commands and clean-ups whose lease ran out (their replica died, or lost the database for
    /// longer than the lease); work that another live replica holds is left alone. Safe to call from every replica, at
    /// any time: each row is settled by whichever transaction gets to it first.
    /// </summary>
    public Task<RecoveryResult> RecoverInterruptedAsync(int maxAttempts, TimeSpan retryDelay, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var now = Now;
            var failed = await Rows(connection, transaction, $"""
                UPDATE jobs SET state = 'failed', last_error = @error, updated_at = @now, {Released}
                WHERE {Expired} AND attempts >= @max RETURNING *
                """, JobRows.ReadJob, cancellationToken, ("error", InterruptedAttempt.Error), ("now", now), ("max", maxAttempts)).ConfigureAwait(false);

            (string, object?)[] parameters = [("error", InterruptedAttempt.Error), ("now", now), ("max", maxAttempts), ("delay", (long)retryDelay.TotalMilliseconds)];
            foreach (var table in new[] { "commands", "cleanups" })
            {
                await Execute(connection, transaction, $"UPDATE {table} SET state = 'failed', last_error = @error, updated_at = @now, {Released} WHERE {Expired} AND attempts >= @max",
                    cancellationToken, parameters).ConfigureAwait(false);
                await Execute(connection, transaction, $"UPDATE {table} SET {RequeueAfterBackOff}", cancellationToken, parameters).ConfigureAwait(false);
            }

            var requeued = await Execute(connection, transaction, $"UPDATE jobs SET {RequeueAfterBackOff}", cancellationToken, parameters).ConfigureAwait(false);
            var withdrawn = await Rows(connection, transaction, $"""
                UPDATE jobs SET {Released} WHERE state IN ('superseded', 'cancelled') AND lease_until < @now RETURNING *
                """, JobRows.ReadJob, cancellationToken, ("now", now)).ConfigureAwait(false);
            return new RecoveryResult(requeued, failed) { Withdrawn = withdrawn };
        }, cancellationToken);

    /// <summary>A running row whose holder stopped renewing its lease (rows of schema 1 have no lease: their process is gone).</summary>
    private const string Expired = "state = 'running' AND (lease_until IS NULL OR lease_until < @now)";

    // The first interruption is most likely a replica lost or redeployed, not the job's doing: its work is queued again
    // at once. From the second on the delay doubles per attempt, so that a job that kills its process lets other work go
    // first; attempts stays below the maximum (at most 100) here, the shift is capped anyway.
    private const string RequeueAfterBackOff = $"""
        state = 'queued', last_error = @error, updated_at = @now, {Released},
            not_before = @now + CASE WHEN attempts <= 1 THEN 0 ELSE @delay * (1::bigint << least(attempts - 2, 20)) END
        WHERE {Expired}
        """;

    public async Task<IReadOnlySet<long>> RenewAsync(CancellationToken cancellationToken) =>
        await InTransactionAsync(async (connection, transaction) =>
        {
            (string, object?)[] parameters = [("owner", Owner), ("leaseUntil", LeaseUntil)];
            foreach (var table in new[] { "commands", "cleanups" })
            {
                await Execute(connection, transaction, $"UPDATE {table} SET lease_until = @leaseUntil WHERE {Held}", cancellationToken, parameters).ConfigureAwait(false);
            }

            // Withdrawn jobs stay leased until their check run is concluded (ReleaseAsync), so that a dead worker's are found.
            var leased = await Rows(connection, transaction, """
                UPDATE jobs SET lease_until = @leaseUntil WHERE lease_owner = @owner AND state IN ('running', 'superseded', 'cancelled') RETURNING id, state
                """, reader => (Id: reader.GetInt64(0), Running: reader.GetString(1) == "running"), cancellationToken, parameters).ConfigureAwait(false);
            return leased.Where(row => row.Running).Select(row => row.Id).ToHashSet();
        }, cancellationToken).ConfigureAwait(false);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
        await Scalar(connection, transaction, """
            SELECT least(
                (SELECT min(not_before) FROM jobs WHERE state = 'queued'),
                (SELECT min(not_before) FROM commands WHERE state = 'queued'),
                (SELECT min(not_before) FROM cleanups WHERE state = 'queued'))
            """, cancellationToken).ConfigureAwait(false) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null, cancellationToken);

    public Task<int> PruneAsync(TimeSpan age, CancellationToken cancellationToken) => RunAsync(async (connection, transaction) =>
    {
        (string, object?) cutoff = ("cutoff", (_time.GetUtcNow() - age).ToUnixTimeMilliseconds());
        var removed = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM deliveries WHERE received_at < @cutoff",
            "DELETE FROM jobs WHERE updated_at < @cutoff AND state IN ('completed', 'failed', 'superseded', 'cancelled')",
            "DELETE FROM commands WHERE updated_at < @cutoff AND state NOT IN ('queued', 'running')",
            "DELETE FROM cleanups WHERE updated_at < @cutoff AND state NOT IN ('queued', 'running')",
        })
        {
            removed += await Execute(connection, transaction, sql, cancellationToken, cutoff).ConfigureAwait(false);
        }

        return removed;
    }, cancellationToken);

    private static async Task<bool> InsertDelivery(NpgsqlConnection connection, NpgsqlTransaction? transaction, string deliveryId, string eventName, long now, CancellationToken cancellationToken) =>
        await Execute(connection, transaction, "INSERT INTO deliveries (id, event, received_at) VALUES (@id, @event, @now) ON CONFLICT (id) DO NOTHING",
            cancellationToken, ("id", deliveryId), ("event", eventName), ("now", now)).ConfigureAwait(false) > 0;

    private Task UpdateAsync(string sql, long id, object? value, CancellationToken cancellationToken) =>
        RunAsync((connection, transaction) => Execute(connection, transaction, sql, cancellationToken,
            value is null ? [("id", id), ("now", Now), ("owner", Owner)] : [("id", id), ("now", Now), ("owner", Owner), ("value", value)]), cancellationToken);

    /// <summary>The row is this store's running job: it claimed it and nobody took it over since.</summary>
    private const string Held = "state = 'running' AND lease_owner = @owner";

    private const string Released = "lease_owner = NULL, lease_until = NULL";

    /// <summary>Runs one statement (or reads that need not agree with each other) on a pooled connection.</summary>
    private Task<T> RunAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        ConnectAsync(work, inTransaction: false, cancellationToken);

    /// <summary>Runs statements that stand or fall together (a delivery and its work) in one transaction.</summary>
    private Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        ConnectAsync(work, inTransaction: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> with the driver's errors as the store-neutral <see cref="JobStoreException"/>. When
    /// the server dropped the connection (a restart), the pool's other idle connections are dead too: the pool is
    /// cleared, so that the next operation connects afresh instead of failing on one.
    /// </summary>
    private async Task<T> ConnectAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work, bool inTransaction, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = inTransaction ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            var result = await work(connection, transaction).ConfigureAwait(false);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // 57P01-57P03: the server is shutting down or starting; anything but a server error is the connection itself.
            if (e is not PostgresException || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }) _dataSource.Clear();
            throw Translate(e);
        }
    }

    private static JobStoreException Translate(Exception e) => e switch
    {
        PostgresException { SqlState: UniqueViolation } => new(JobStoreFailure.AlreadyThere, $"The job database refused a duplicate: {e.Message}", e),
        PostgresException postgres => new(JobStoreFailure.Gone, $"The job database failed: {postgres.SqlState}: {postgres.MessageText}", e),
        // The driver's own messages name the host and port, never the password.
        _ => new(JobStoreFailure.Gone, $"The job database is unreachable: {Describe(e)}", e),
    };

    private static string Describe(Exception e) => e.InnerException is SocketException socket ? $"{e.Message} ({socket.Message})" : e.Message;

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);

        return command;
    }

    private static async Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    private static Task<List<long>> Ids(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Rows(connection, transaction, sql, reader => reader.GetInt64(0), cancellationToken, parameters);

    private static async Task<List<T>> Rows<T>(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(read(reader));
        return rows;
    }
}
