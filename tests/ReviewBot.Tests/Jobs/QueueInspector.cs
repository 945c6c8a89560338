using Microsoft.Data.Sqlite;
using ReviewBot.Jobs;
using Npgsql;
using ReviewBot.Jobs.Postgres;
using ReviewBot.Jobs.Sqlite;

namespace ReviewBot.Tests.Jobs;

/// <summary>What tests read of a job store beyond what the workers ask it: every job and command of a pull request.</summary>
internal interface IQueueInspector
{
    /// <summary>Every job of a pull request, oldest first.</summary>
    IReadOnlyList<ReviewJob> JobsOf(long repositoryId, int pullNumber);

    /// <summary>The states of the commands of a pull request, oldest first.</summary>
    IReadOnlyList<JobState> CommandStatesOf(long repositoryId, int pullNumber);

    ReviewJob? Find(long id);
}

/// <summary>Reads the SQLite store's file directly, beside the App that writes it.</summary>
internal sealed class SqliteQueueInspector(string databasePath) : IQueueInspector
{
    public IReadOnlyList<ReviewJob> JobsOf(long repositoryId, int pullNumber) =>
        Query("SELECT * FROM jobs WHERE repository_id = $repo AND pull_number = $pull ORDER BY id", JobRows.ReadJob, ("$repo", repositoryId), ("$pull", pullNumber));

    public IReadOnlyList<JobState> CommandStatesOf(long repositoryId, int pullNumber) =>
        Query(
            "SELECT state FROM commands WHERE repository_id = $repo AND pull_number = $pull ORDER BY id",
            reader => JobRows.ParseState(reader.GetString(0)),
            ("$repo", repositoryId),
            ("$pull", pullNumber));

    public ReviewJob? Find(long id) => Query("SELECT * FROM jobs WHERE id = $id", JobRows.ReadJob, ("$id", id)).SingleOrDefault();

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}

/// <summary>Reads the PostgreSQL store's tables directly, beside the App that writes them.</summary>
internal sealed class PostgresQueueInspector(string connectionString) : IQueueInspector
{
    public IReadOnlyList<ReviewJob> JobsOf(long repositoryId, int pullNumber) =>
        Query("SELECT * FROM jobs WHERE repository_id = @repo AND pull_number = @pull ORDER BY id", JobRows.ReadJob, ("repo", repositoryId), ("pull", pullNumber));

    public IReadOnlyList<JobState> CommandStatesOf(long repositoryId, int pullNumber) =>
        Query(
            "SELECT state FROM commands WHERE repository_id = @repo AND pull_number = @pull ORDER BY id",
            reader => JobRows.ParseState(reader.GetString(0)),
            ("repo", repositoryId),
            ("pull", pullNumber));

    public ReviewJob? Find(long id) => Query("SELECT * FROM jobs WHERE id = @id", JobRows.ReadJob, ("id", id)).SingleOrDefault();

    private List<T> Query<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
