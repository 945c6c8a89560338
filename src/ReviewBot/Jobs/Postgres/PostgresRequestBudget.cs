using Microsoft.Extensions.Logging;
using Npgsql;
using ReviewBot.GitHub;

namespace ReviewBot.Jobs.Postgres;

/// <summary>
/// The installations' request budgets in PostgreSQL, shared by every replica. The content-creating requests of the
/// last minute are rows (<c>github_content_requests</c>): a request takes a place when fewer than the limit were sent
/// in the minute before it, under the installation's advisory lock, so any number of replicas together never send
/// more than the limit in any minute. The primary budget is a row per installation (<c>github_primary_budgets</c>),
/// written once a response reports it below <see cref="PrimaryBudget.Watched"/>, then counted down by every request
/// of every replica until the reset. Times are the database's clock, which all replicas share.
/// <para>
/// The budget is a courtesy to GitHub, not a gate of the review: while the database cannot be reached, requests go
/// unpaced (GitHub's own answers, retried by Polly, still hold them back) rather than every review failing.
/// </para>
/// </summary>
internal sealed partial class PostgresRequestBudget(
    NpgsqlDataSource dataSource, int perWindow, TimeSpan window, ILogger<PostgresRequestBudget> logger) : IRequestBudget
{
    private const string DatabaseNow = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    public async ValueTask WaitForTurnAsync(long installationId, bool createsContent, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan? wait;
            try
            {
                wait = await TryTakeAsync(installationId, createsContent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                LogUnpaced(logger, installationId, e.Message);
                return;
            }

            if (wait is null) return;
            await Task.Delay(wait.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask RecordPrimaryAsync(long installationId, PrimaryBudget budget, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // Responses arrive out of order: within one reset window the lowest figure is the latest; a newer window wins.
            await using var command = new NpgsqlCommand("""
                INSERT INTO github_primary_budgets AS b (installation_id, remaining, reset_at) VALUES (@installation, @remaining, @reset)
                ON CONFLICT (installation_id) DO UPDATE SET
                    remaining = CASE WHEN b.reset_at = excluded.reset_at THEN least(b.remaining, excluded.remaining) ELSE excluded.remaining END,
                    reset_at = excluded.reset_at
                WHERE b.reset_at <= excluded.reset_at
                """, connection);
            command.Parameters.AddWithValue("installation", installationId);
            command.Parameters.AddWithValue("remaining", budget.Remaining);
            command.Parameters.AddWithValue("reset", budget.ResetAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogUnpaced(logger, installationId, e.Message);
        }
    }

    /// <summary>Takes the installation's turn now (null), or says how long to wait before asking again.</summary>
    private async Task<TimeSpan?> TryTakeAsync(long installationId, bool createsContent, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // A read needs only the primary count, one statement on its own; a content-creating request takes its place in the
        // minute's window in the same transaction, so that a request held back by the window gives its count back.
        await using var transaction = createsContent ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;

        // Counted down only while watched (a row exists for the current reset window); the subquery reads the row as
        // it was before, so "spent" means it was already at zero.
        var (counted, spentUntil) = await ReadPairAsync(connection, transaction, $"""
            WITH counted AS (
                UPDATE github_primary_budgets SET remaining = remaining - 1
                WHERE installation_id = @installation AND reset_at > {DatabaseNow} AND remaining > 0 RETURNING 1)
            SELECT (SELECT count(*) FROM counted),
                (SELECT reset_at - {DatabaseNow} FROM github_primary_budgets
                 WHERE installation_id = @installation AND reset_at > {DatabaseNow} AND remaining <= 0)
            """, installationId, null, cancellationToken).ConfigureAwait(false);
        if (counted == 0 && spentUntil is { } untilReset) return TimeSpan.FromMilliseconds(untilReset);
        if (transaction is not null)
        {
            var windowMs = (long)window.TotalMilliseconds;
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('reviewbot-budget/' || @installation::text, 0))",
                installationId, null, cancellationToken).ConfigureAwait(false);
            var (sent, oldestAge) = await ReadPairAsync(connection, transaction, $"""
                SELECT count(*), {DatabaseNow} - min(sent_at) FROM github_content_requests
                WHERE installation_id = @installation AND sent_at > {DatabaseNow} - @window
                """, installationId, windowMs, cancellationToken).ConfigureAwait(false);
            if (sent >= perWindow)
            {
                // Nothing is counted: the primary place taken above is given back with the rollback.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return TimeSpan.FromMilliseconds(Math.Max(1, windowMs - (oldestAge ?? 0) + 1));
            }

            await ExecuteAsync(connection, transaction, $"""
                DELETE FROM github_content_requests WHERE installation_id = @installation AND sent_at <= {DatabaseNow} - @window;
                INSERT INTO github_content_requests (installation_id, sent_at) VALUES (@installation, {DatabaseNow});
                """, installationId, windowMs, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task<(long First, long? Second)> ReadPairAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long installationId, long? window, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, installationId, window);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long installationId, long? window, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, installationId, window);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long installationId, long? window)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("installation", installationId);
        if (window is { } ms) command.Parameters.AddWithValue("window", ms);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Installation {InstallationId}: the shared request budget cannot be read ({Reason}); this request goes unpaced")]
    private static partial void LogUnpaced(ILogger logger, long installationId, string reason);
}
