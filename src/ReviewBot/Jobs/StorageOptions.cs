namespace ReviewBot.Jobs;

/// <summary>
/// Where the App keeps its state: the <c>ReviewBot__DataDir</c> setting and the paths under it, and which database
/// holds the job store (<c>ReviewBot__Database</c>, with <c>ConnectionStrings__ReviewBot</c> for PostgreSQL).
/// </summary>
internal sealed record StorageOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The name of the connection string in the <c>ConnectionStrings</c> section.</summary>
    public const string ConnectionStringName = "ReviewBot";

    /// <summary><c>ReviewBot__DataDir</c>: the job database (SQLite) and the repository cache.</summary>
    public string DataDir { get; init; } = "./data";

    /// <summary><c>ReviewBot__Database</c>: <c>sqlite</c> (a file in the data directory) or <c>postgres</c>.</summary>
    public string Database { get; init; } = Sqlite;

    /// <summary><c>ConnectionStrings__ReviewBot</c>: the PostgreSQL database, as <c>Host=...;Database=...</c> or a <c>postgres://</c> URL.</summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgres => string.Equals(Database, Postgres, StringComparison.OrdinalIgnoreCase);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "reviewbot.db");

    public string RepositoryCachePath => Path.Combine(Path.GetFullPath(DataDir), "repos");

    /// <summary>Where webhook bodies too large to hold in memory are spooled while they are verified.</summary>
    public string SpoolPath => Path.Combine(Path.GetFullPath(DataDir), "tmp");

    // A record prints every property; the connection string holds the database's password.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"DataDir = {DataDir}, Database = {Database}");
        return true;
    }
}
