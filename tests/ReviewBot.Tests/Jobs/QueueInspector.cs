using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ReviewBot.Jobs;

namespace ReviewBot.Tests.Jobs;

/// <summary>What tests read of a job store beyond what the workers ask it: every job and command of a pull request.</summary>
internal interface IQueueInspector
{
    /// <summary>Every job of a pull request, oldest first.</summary>
    IReadOnlyList<ReviewJob> JobsOf(long repositoryId, int pullNumber);

    /// <summary>The states of the commands of a pull request, oldest first.</summary>
    IReadOnlyList<JobState> CommandStatesOf(long repositoryId, int pullNumber);

    ReviewJob? Find(long id);

    /// <summary>The id of every delivery the store has recorded.</summary>
    IReadOnlySet<string> DeliveryIds();
}

/// <summary>
/// Reads a store's tables directly, beside the App that writes them. Both stores name their tables and columns alike,
/// and both drivers take <c>@name</c> parameters, so one set of queries serves either.
/// </summary>
internal sealed class QueueInspector(Func<DbConnection> connect) : IQueueInspector
{
    /// <summary>The SQLite store's file, opened read-only.</summary>
    public static QueueInspector OfSqlite(string databasePath) => new(() => new SqliteConnection(
        new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString()));

    public static QueueInspector OfPostgres(string connectionString) => new(() => new NpgsqlConnection(connectionString));

    public IReadOnlyList<ReviewJob> JobsOf(long repositoryId, int pullNumber) =>
        Query("SELECT * FROM jobs WHERE repository_id = @repo AND pull_number = @pull ORDER BY id", JobRows.ReadJob, ("repo", repositoryId), ("pull", pullNumber));

    public IReadOnlyList<JobState> CommandStatesOf(long repositoryId, int pullNumber) =>
        Query(
            "SELECT state FROM commands WHERE repository_id = @repo AND pull_number = @pull ORDER BY id",
            reader => JobRows.ParseState(reader.GetString(0)),
            ("repo", repositoryId),
            ("pull", pullNumber));

    public ReviewJob? Find(long id) => Query("SELECT * FROM jobs WHERE id = @id", JobRows.ReadJob, ("id", id)).SingleOrDefault();

    public IReadOnlySet<string> DeliveryIds() => Query("SELECT id FROM deliveries", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);

    private List<T> Query<T>(string sql, Func<DbDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
