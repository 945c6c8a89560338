using Npgsql;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Postgres;

namespace ReviewBot.Tests.Jobs;

/// <summary>The operator's connection string, in either form; what is wrong is said without quoting it.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void AUrl_ItsPartsDecoded_ItsOptionsKept()
    {
        var builder = PostgresConnectionString.Parse("postgres://rb%40corp:p%3Aw%2Fd@db.example:6543/review%20bot?sslmode=require&Timeout=7");

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("review bot", builder.Database);
        Assert.Equal("rb@corp", builder.Username);
        Assert.Equal("p:w/d", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void KeyValuePairs_AsNpgsqlReadsThem()
    {
        var builder = PostgresConnectionString.Parse("Host=db;Port=5433;Database=rb;Username=u;Password=secret");

        Assert.Equal(("db", 5433, "rb", "u"), (builder.Host, builder.Port, builder.Database, builder.Username));
    }

    [Theory]
    [InlineData("Host=db;Passwrd=topsecret")]
    [InlineData("postgres://u:topsecret@/rb")]
    [InlineData("postgres://u:topsecret@db/rb?nonsense=topsecret")]
    [InlineData("Database=rb;Password=topsecret")]
    public void Malformed_Refused_WithoutQuotingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => PostgresConnectionString.Parse(text));

        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOptionsHoldingSecrets_PrintNone()
    {
        var storage = new StorageOptions { Database = "postgres", ConnectionString = "Host=db;Password=topsecret" };
        var app = new ReviewBot.GitHub.GitHubAppOptions { AppId = 7, PrivateKey = "-----BEGIN topsecret", WebhookSecret = "topsecret" };

        Assert.Equal("StorageOptions { DataDir = ./data, Database = postgres }", storage.ToString());
        Assert.Equal("GitHubAppOptions { AppId = 7, PrivateKeyPath = , ApiUrl = https://api.github.com/ }", app.ToString());
    }
}
