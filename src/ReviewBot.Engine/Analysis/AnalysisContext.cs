namespace ReviewBot.Engine.Analysis;

/// <summary>What an analyzer may consult besides the files it is given.</summary>
public sealed class AnalysisContext
{
    public RuleSettings Rules { get; init; } = RuleSettings.AllEnabled;

    public AnalysisThresholds Thresholds { get; init; } = new();

    public FileLimits Limits { get; init; } = FileLimits.Default;

    /// <summary>The repository at the reviewed revision; empty when there is none.</summary>
    public IRepositorySnapshot Repository { get; init; } = InMemorySnapshot.Empty;

    /// <summary>Where analyzers with a semantic model record whether each file bound; null when nobody asked.</summary>
    public BindingLog? Binding { get; init; }

    /// <summary>Where analyzers record the time their work takes (<see cref="Review.ReviewTimings.Work(string)"/>); null when nobody asked.</summary>
    public Review.ReviewTimings? Timings { get; init; }

    public static AnalysisContext Default { get; } = new();
}
