namespace ReviewBot.Engine.Analysis;

/// <summary>What an analyzer may consult besides the files it is given.</summary>
public sealed class AnalysisContext
{
    public RuleSettings Rules { get; init; } = RuleSettings.AllEnabled;

    public AnalysisThresholds Thresholds { get; init; } = new();

    public FileLimits Limits { get; init; } = FileLimits.Default;

    /// <summary>The repository at the reviewed revision; empty when there is none.</summary>
    public IRepositorySnapshot Repository { get; init; } = InMemorySnapshot.Empty;

    public static AnalysisContext Default { get; } = new();
}
