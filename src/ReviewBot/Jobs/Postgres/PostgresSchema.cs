using Npgsql;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// The job store's tables in PostgreSQL, created and migrated on start. Each migration runs once, in order, recorded in
/// <c>reviewbot_schema</c>; all of them run under one transaction-scoped advisory lock, so processes that start at
/// once take turns and the second finds the work done. A database migrated by a newer ReviewBot is refused, never
/// written: its tables may mean something this binary does not know.
/// </summary>
internal static class PostgresSchema
{
    // Any fixed pair; the two-key advisory locks are a space of their own, apart from the one-key locks of pull requests.
    private const int LockClass = 0x52425354; // "RBST"
    private const int LockObject = 1;

    /// <summary>The migrations, oldest first; the schema's version is how many have run. Append, never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE deliveries (
            id text PRIMARY KEY,
            event text NOT NULL,
            received_at bigint NOT NULL);
        CREATE INDEX deliveries_by_age ON deliveries (received_at);
        CREATE TABLE jobs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            installation_id bigint NOT NULL,
            repository_id bigint NOT NULL,
            owner text NOT NULL,
            name text NOT NULL,
            pull_number integer NOT NULL,
            head_sha text NOT NULL,
            base_ref text NOT NULL,
            clone_url text NOT NULL,
            default_branch text NOT NULL,
            trigger text NOT NULL,
            draft boolean NOT NULL DEFAULT false,
            comment_id bigint,
            pr_updated_at bigint,
            state text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            not_before bigint NOT NULL,
            check_run_id bigint,
            last_error text,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE INDEX jobs_due ON jobs (not_before, id) WHERE state = 'queued';
        CREATE INDEX jobs_by_pull ON jobs (repository_id, pull_number, state);
        CREATE INDEX jobs_by_age ON jobs (updated_at);
        -- One active job per pull request, whatever a writer gets wrong.
        CREATE UNIQUE INDEX jobs_one_active ON jobs (repository_id, pull_number) WHERE state IN ('queued', 'running');
        CREATE TABLE commands (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            installation_id bigint NOT NULL,
            repository_id bigint NOT NULL,
            owner text NOT NULL,
            name text NOT NULL,
            pull_number integer NOT NULL,
            clone_url text NOT NULL,
            default_branch text NOT NULL,
            comment_id bigint NOT NULL UNIQUE,
            author text NOT NULL,
            author_association text NOT NULL,
            command text NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            not_before bigint NOT NULL,
            last_error text,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE INDEX commands_due ON commands (not_before, id) WHERE state = 'queued';
        CREATE INDEX commands_by_pull ON commands (repository_id, pull_number);
        CREATE TABLE cleanups (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            installation_id bigint,
            repository_ids bigint[] NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            not_before bigint NOT NULL,
            last_error text,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL);
        CREATE INDEX cleanups_due ON cleanups (not_before, id) WHERE state = 'queued';
        """,
        """
        -- Replicas: a running row is held by one process (lease_owner) until lease_until, which it keeps renewing.
        ALTER TABLE jobs ADD COLUMN lease_owner text, ADD COLUMN lease_until bigint;
        ALTER TABLE commands ADD COLUMN lease_owner text, ADD COLUMN lease_until bigint;
        ALTER TABLE cleanups ADD COLUMN lease_owner text, ADD COLUMN lease_until bigint;
        CREATE INDEX jobs_leased ON jobs (lease_owner) WHERE state = 'running';
        CREATE INDEX commands_leased ON commands (lease_owner) WHERE state = 'running';
        CREATE INDEX cleanups_leased ON cleanups (lease_owner) WHERE state = 'running';
        """,
        """
        -- GitHub's limits per installation, shared by the replicas: the content-creating requests of the last minute,
        -- and the primary budget once a response reported it low.
        CREATE TABLE github_content_requests (
            installation_id bigint NOT NULL,
            sent_at bigint NOT NULL);
        CREATE INDEX github_content_requests_window ON github_content_requests (installation_id, sent_at);
        CREATE TABLE github_primary_budgets (
            installation_id bigint PRIMARY KEY,
            remaining integer NOT NULL,
            reset_at bigint NOT NULL);
        """,
        """
        -- A review delivery in one statement (one round trip, its own transaction): the delivery recorded, the pull
        -- request locked, then (each statement with a fresh snapshot, so after the last holder's commit) what is queued
        -- for it read, and the job queued. Outcomes: redelivery, already_queued, outdated, queued.
        CREATE FUNCTION reviewbot_enqueue_review(
            p_delivery text, p_event text, p_now bigint, p_inst bigint, p_repo bigint, p_owner text, p_name text,
            p_pull integer, p_sha text, p_base text, p_clone text, p_default text, p_trigger text, p_draft boolean,
            p_comment bigint, p_updated bigint,
            OUT outcome text, OUT job_id bigint, OUT superseded bigint[])
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            superseded := '{}';
            IF p_delivery IS NOT NULL THEN
                INSERT INTO deliveries (id, event, received_at) VALUES (p_delivery, p_event, p_now) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN
                    outcome := 'redelivery';
                    RETURN;
                END IF;
            END IF;
            PERFORM pg_advisory_xact_lock(hashtextextended(p_repo::text || '/' || p_pull::text, 0));
            SELECT j.id INTO job_id FROM jobs j WHERE j.repository_id = p_repo AND j.pull_number = p_pull AND j.head_sha = p_sha
                AND j.state IN ('queued', 'running') LIMIT 1;
            IF job_id IS NOT NULL THEN
                -- The job under way answers the command too.
                IF p_comment IS NOT NULL THEN
                    UPDATE jobs SET comment_id = coalesce(comment_id, p_comment) WHERE id = job_id;
                END IF;
                outcome := 'already_queued';
                RETURN;
            END IF;
            -- A delivery of an older head that arrives after a newer one's must not supersede it.
            IF p_updated IS NOT NULL AND EXISTS (SELECT 1 FROM jobs j WHERE j.repository_id = p_repo AND j.pull_number = p_pull
                AND j.head_sha <> p_sha AND j.pr_updated_at > p_updated) THEN
                outcome := 'outdated';
                RETURN;
            END IF;
            -- A queued job withdrawn with a check run of an earlier attempt: its lease runs out now, for recovery to conclude it.
            WITH ended AS (
                UPDATE jobs SET state = 'superseded', updated_at = p_now,
                    lease_until = CASE WHEN state = 'queued' AND check_run_id IS NOT NULL THEN p_now ELSE lease_until END
                WHERE repository_id = p_repo AND pull_number = p_pull AND state IN ('queued', 'running') RETURNING id)
            SELECT coalesce(array_agg(ended.id ORDER BY ended.id), '{}') INTO superseded FROM ended;
            INSERT INTO jobs (installation_id, repository_id, owner, name, pull_number, head_sha, base_ref, clone_url,
                default_branch, trigger, draft, comment_id, pr_updated_at, state, attempts, not_before, created_at, updated_at)
            VALUES (p_inst, p_repo, p_owner, p_name, p_pull, p_sha, p_base, p_clone, p_default, p_trigger, p_draft, p_comment,
                p_updated, 'queued', 0, p_now, p_now, p_now)
            RETURNING id INTO job_id;
            outcome := 'queued';
        END
        $$;
        """,
        """
        -- The delivery that asked for a job or command, and its trace (W3C traceparent), which the job's spans and log
        -- entries continue. The enqueue function gains both as an overload: a replica not yet upgraded calls the old one.
        ALTER TABLE jobs ADD COLUMN delivery_id text, ADD COLUMN trace_parent text;
        ALTER TABLE commands ADD COLUMN delivery_id text, ADD COLUMN trace_parent text;
        CREATE FUNCTION reviewbot_enqueue_review(
            p_delivery text, p_event text, p_now bigint, p_inst bigint, p_repo bigint, p_owner text, p_name text,
            p_pull integer, p_sha text, p_base text, p_clone text, p_default text, p_trigger text, p_draft boolean,
            p_comment bigint, p_updated bigint, p_job_delivery text, p_trace text,
            OUT outcome text, OUT job_id bigint, OUT superseded bigint[])
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            superseded := '{}';
            IF p_delivery IS NOT NULL THEN
                INSERT INTO deliveries (id, event, received_at) VALUES (p_delivery, p_event, p_now) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN
                    outcome := 'redelivery';
                    RETURN;
                END IF;
            END IF;
            PERFORM pg_advisory_xact_lock(hashtextextended(p_repo::text || '/' || p_pull::text, 0));
            SELECT j.id INTO job_id FROM jobs j WHERE j.repository_id = p_repo AND j.pull_number = p_pull AND j.head_sha = p_sha
                AND j.state IN ('queued', 'running') LIMIT 1;
            IF job_id IS NOT NULL THEN
                -- The job under way answers the command too.
                IF p_comment IS NOT NULL THEN
                    UPDATE jobs SET comment_id = coalesce(comment_id, p_comment) WHERE id = job_id;
                END IF;
                outcome := 'already_queued';
                RETURN;
            END IF;
            -- A delivery of an older head that arrives after a newer one's must not supersede it.
            IF p_updated IS NOT NULL AND EXISTS (SELECT 1 FROM jobs j WHERE j.repository_id = p_repo AND j.pull_number = p_pull
                AND j.head_sha <> p_sha AND j.pr_updated_at > p_updated) THEN
                outcome := 'outdated';
                RETURN;
            END IF;
            -- A queued job withdrawn with a check run of an earlier attempt: its lease runs out now, for recovery to conclude it.
            WITH ended AS (
                UPDATE jobs SET state = 'superseded', updated_at = p_now,
                    lease_until = CASE WHEN state = 'queued' AND check_run_id IS NOT NULL THEN p_now ELSE lease_until END
                WHERE repository_id = p_repo AND pull_number = p_pull AND state IN ('queued', 'running') RETURNING id)
            SELECT coalesce(array_agg(ended.id ORDER BY ended.id), '{}') INTO superseded FROM ended;
            INSERT INTO jobs (installation_id, repository_id, owner, name, pull_number, head_sha, base_ref, clone_url,
                default_branch, trigger, draft, comment_id, pr_updated_at, delivery_id, trace_parent, state, attempts, not_before,
                created_at, updated_at)
            VALUES (p_inst, p_repo, p_owner, p_name, p_pull, p_sha, p_base, p_clone, p_default, p_trigger, p_draft, p_comment,
                p_updated, p_job_delivery, p_trace, 'queued', 0, p_now, p_now, p_now)
            RETURNING id INTO job_id;
            outcome := 'queued';
        END
        $$;
        """,
    ];

    /// <summary>The schema version this binary writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>; throws <see cref="SchemaTooNewException"/> past it.</summary>
    public static void Migrate(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({LockClass}, {LockObject})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS reviewbot_schema (version integer NOT NULL)");
        using var read = new NpgsqlCommand("SELECT max(version) FROM reviewbot_schema", connection, transaction);
        var version = read.ExecuteScalar() is int found ? found : 0;
        if (version > CurrentVersion) throw new SchemaTooNewException(version, CurrentVersion);
        for (var next = version; next < CurrentVersion; next++)
        {
            Execute(connection, transaction, Migrations[next]);
        }

        if (version < CurrentVersion)
        {
            Execute(connection, transaction, "DELETE FROM reviewbot_schema");
            Execute(connection, transaction, $"INSERT INTO reviewbot_schema (version) VALUES ({CurrentVersion})");
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}

/// <summary>The database holds a schema a newer ReviewBot wrote; this binary refuses to touch it.</summary>
internal sealed class SchemaTooNewException(int found, int known)
    : Exception($"the job database's schema is version {found}, newer than this ReviewBot knows ({known}): run the newer ReviewBot, or point it at another database")
{
    public int Found { get; } = found;
}
