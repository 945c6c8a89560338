using System.Security.Cryptography;
using ReviewBot.Hosting;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.App;

/// <summary><c>reviewbot serve</c> refusing to start on wrong settings, as an operator meets it.</summary>
public sealed class ServeSettingsTests
{
    [Fact]
    public async Task WrongSettingsOfSeveralComponents_AllNamedAtOnce_Exit2()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(
            [
                "serve", "--urls", "http://127.0.0.1:0", "--GitHub:AppId=0", "--GitHub:WebhookSecret=s", "--GitHub:PrivateKey=not a key",
                $"--ReviewBot:DataDir={dataDir}", "--ReviewBot:Workers=0", "--ReviewBot:HttpMaxRetries=99", "--ReviewBot:WebhookBodyTimeout=00:00:01",
            ],
            stdout,
            stderr,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "reviewbot serve: GitHub__AppId is required: the App's numeric id from its settings page.",
                "reviewbot serve: GitHub__PrivateKey does not hold an RSA private key in PEM form.",
                "reviewbot serve: ReviewBot__Workers must be between 1 and 256.",
                "reviewbot serve: ReviewBot__HttpMaxRetries must be between 0 and 20.",
                "reviewbot serve: ReviewBot__WebhookBodyTimeout must be longer than one second.",
            ],
            stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("not a key", stderr.ToString(), StringComparison.Ordinal);
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }

    [Theory]
    [InlineData("postgres", "", "ConnectionStrings__ReviewBot is required with ReviewBot__Database=postgres")]
    [InlineData("postgres", "Host=db;Pasword=hunter2secret", "ConnectionStrings__ReviewBot: it is neither Host=...;Database=...;Username=... nor a postgres:// URL.")]
    [InlineData("postgres", "postgres://u:hunter2secret@/db", "ConnectionStrings__ReviewBot: the postgres:// URL is malformed")]
    [InlineData("postgres", "Database=db;Password=hunter2secret", "ConnectionStrings__ReviewBot: it names no host")]
    [InlineData("mysql", "", "ReviewBot__Database must be sqlite (the default: a file in ReviewBot__DataDir) or postgres.")]
    public async Task AWrongDatabaseSetting_NamedOnOneLine_Exit2_NeverQuotingThePassword(string database, string connectionString, string expected)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
        using var rsa = RSA.Create(2048);
        Directory.CreateDirectory(dataDir);
        var key = Path.Combine(dataDir, "app.pem");
        await File.WriteAllTextAsync(key, rsa.ExportRSAPrivateKeyPem());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(
            [
                "serve", "--urls", "http://127.0.0.1:0", "--GitHub:AppId=1", "--GitHub:WebhookSecret=s", $"--GitHub:PrivateKeyPath={key}",
                $"--ReviewBot:DataDir={dataDir}", $"--ReviewBot:Database={database}", $"--ConnectionStrings:ReviewBot={connectionString}",
            ],
            stdout,
            stderr,
            CancellationToken.None);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("reviewbot serve: " + expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", stderr.ToString(), StringComparison.Ordinal);
        Directory.Delete(dataDir, recursive: true);
    }
}

/// <summary><c>reviewbot serve</c> on PostgreSQL refusing to start on a database it cannot use, as an operator meets it.</summary>
public sealed class PostgresServeSettingsTests : IRunsOnPostgres, IDisposable
{
    private const string Password = "pw-that-must-not-leak-7f3a";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));

    public PostgresServeSettingsTests()
    {
        Directory.CreateDirectory(_root);
        using var rsa = RSA.Create(2048);
        File.WriteAllText(KeyPath, rsa.ExportRSAPrivateKeyPem());
    }

    private string KeyPath => Path.Combine(_root, "app.pem");

    /// <summary>Runs <c>serve</c> on PostgreSQL at <paramref name="connectionString"/>; returns the exit code and standard error.</summary>
    private async Task<(int Exit, string Errors)> ServeAsync(string connectionString)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await CommandLine.RunAsync(
            [
                "serve", "--urls", "http://127.0.0.1:0", "--GitHub:AppId=1", "--GitHub:WebhookSecret=s", $"--GitHub:PrivateKeyPath={KeyPath}",
                $"--ReviewBot:DataDir={Path.Combine(_root, "data")}", "--ReviewBot:Database=postgres", $"--ConnectionStrings:ReviewBot={connectionString}",
            ],
            stdout,
            stderr,
            stop.Token);
        return (exit, stderr.ToString());
    }

    [StoreFact]
    public async Task AWrongPassword_OneLineNamingTheSetting_Exit2_NoPassword()
    {
        var (exit, errors) = await ServeAsync(PostgresTestServer.Server(b => b.Password = Password));

        Assert.Equal(2, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("reviewbot serve: ConnectionStrings__ReviewBot: the job database cannot be used: ", line, StringComparison.Ordinal);
        Assert.Contains("28P01", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, errors, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AnUnreachableHost_OneLineNamingTheSetting_Exit2()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, errors) = await ServeAsync($"postgres://reviewbot:{Password}@127.0.0.1:{closedPort}/reviewbot");

        Assert.Equal(2, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("reviewbot serve: ConnectionStrings__ReviewBot: the job database cannot be used: The job database is unreachable", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, errors, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task ADatabaseOfANewerSchema_Refused_Exit2_SaysSo()
    {
        using var database = PostgresTestServer.CreateDatabase();
        database.Execute("CREATE TABLE reviewbot_schema (version integer NOT NULL); INSERT INTO reviewbot_schema VALUES (999)");

        var (exit, errors) = await ServeAsync(database.ConnectionString);

        Assert.Equal(2, exit);
        Assert.Contains("schema is version 999, newer than this ReviewBot knows", Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task AUserWhoMayNotCreateTheSchema_Refused_Exit2_SaysSo()
    {
        using var database = PostgresTestServer.CreateDatabase();
        var user = "rb_reader_" + Guid.NewGuid().ToString("N")[..8];
        database.Execute($"CREATE ROLE {user} LOGIN PASSWORD '{Password}'; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT CONNECT ON DATABASE {database.Name} TO {user}");

        var (exit, errors) = await ServeAsync(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = user, Password = Password }.ConnectionString);

        Assert.Equal(2, exit);
        Assert.Contains("permission denied for schema public", Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, errors, StringComparison.Ordinal);
        Npgsql.NpgsqlConnection.ClearAllPools();
        database.Execute($"DROP OWNED BY {user}; DROP ROLE {user}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
