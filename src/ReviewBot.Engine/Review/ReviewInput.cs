using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Review;

/// <summary>What a review looks at: the changed files, the settings, and the repository at head for context.</summary>
public sealed record ReviewInput(IReadOnlyList<ChangedFile> Files)
{
    public ReviewConfig Config { get; init; } = ReviewConfig.Default;

    public IRepositorySnapshot Repository { get; init; } = InMemorySnapshot.Empty;

    public FileLimits Limits { get; init; } = FileLimits.Default;

    /// <summary>Notices raised before analysis (by git or the configuration), carried into the report.</summary>
    public IReadOnlyList<Notice> Notices { get; init; } = [];

    /// <summary>Where to record whether each analyzed file bound without errors; null when nobody asked.</summary>
    public BindingLog? Binding { get; init; }

    /// <summary>Where to record where the review's time goes; null when nobody asked.</summary>
    public ReviewTimings? Timings { get; init; }
}
