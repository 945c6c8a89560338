namespace ReviewBot.Jobs;

/// <summary>Where the App keeps its state: the <c>ReviewBot__DataDir</c> setting and the paths under it.</summary>
internal sealed record StorageOptions
{
    /// <summary><c>ReviewBot__DataDir</c>: the job database and the repository cache.</summary>
    public string DataDir { get; init; } = "./data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "reviewbot.db");

    public string RepositoryCachePath => Path.Combine(Path.GetFullPath(DataDir), "repos");

    /// <summary>Where webhook bodies too large to hold in memory are spooled while they are verified.</summary>
    public string SpoolPath => Path.Combine(Path.GetFullPath(DataDir), "tmp");
}
