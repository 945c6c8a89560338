using Npgsql;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run on: <c>REVIEWBOT_TEST_POSTGRES</c>, a connection string of a user who may create
/// databases (<c>scripts/test-postgres.sh start</c> prints it; <c>.ci/run</c> exports it). Each test gets a database of
/// its own, dropped afterwards. Without the variable the PostgreSQL tests fail under <c>CI=true</c>, and are reported
/// as not run, with the reason, elsewhere.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "REVIEWBOT_TEST_POSTGRES";

    private static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Missing => $"{Variable} is not set: start a throwaway cluster with eval \"$(scripts/test-postgres.sh start)\" (the README's Development section)";

    /// <summary>Why the PostgreSQL tests are not run here, or null when they run (always under CI=true).</summary>
    public static string? SkipReason => ServerConnectionString is null && !InCi ? "not run: " + Missing : null;

    /// <summary>A new empty database on the server.</summary>
    public static TestDatabase CreateDatabase()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(Missing);
        var name = "rb_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new TestDatabase(server, name);
    }

    /// <summary>The server's connection string with <paramref name="change"/> applied (another user, password, port).</summary>
    public static string Server(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString ?? throw new InvalidOperationException(Missing));
        change(builder);
        return builder.ConnectionString;
    }
}

/// <summary>A database of one test, dropped (its connections ended) when disposed.</summary>
internal sealed class TestDatabase(string server, string name) : IDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    /// <summary>Runs <paramref name="sql"/> in this database as the server's user.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
