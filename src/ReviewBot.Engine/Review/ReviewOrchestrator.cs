using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Review;

/// <summary>
/// The one review pipeline every host runs, <c>reviewbot review</c>, the App's job (in its process or its analysis
/// process) and Actions mode alike: the settings from an <see cref="IConfigSource"/>, the changes from an
/// <see cref="IChangeSource"/>, then the engine. Hosts differ only in where the two come from and where the result goes.
/// </summary>
public sealed class ReviewOrchestrator(AnalyzerRegistry registry)
{
    /// <summary>The settings <paramref name="source"/> holds, or the defaults when it holds no file.</summary>
    public ConfigLoadResult LoadConfig(IConfigSource source) => source.Load(registry.Catalog) ?? new ConfigLoadResult(ReviewConfig.Default, []);

    /// <summary>Reviews the change <paramref name="source"/> reads with <paramref name="config"/> (its notices carried into the report).</summary>
    public ReviewRun Review(
        IChangeSource source, ConfigLoadResult config, CancellationToken cancellationToken, BindingLog? binding = null, ReviewTimings? timings = null)
    {
        var limits = FileLimits.Default;
        var changes = source.ReadChanges(limits, timings);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new ReviewEngine(registry).Review(
            new ReviewInput(changes.Files)
            {
                Config = config.Config,
                Repository = changes.Head,
                Limits = limits,
                Notices = [.. config.Notices, .. changes.Notices],
                Binding = binding,
                Timings = timings,
            },
            cancellationToken);
        return new ReviewRun(result, changes);
    }

    /// <summary>
    /// The result of an analysis that ran elsewhere (the App's analysis process), joined with the changed files read
    /// here from the same commits: what a publisher needs to place the findings.
    /// </summary>
    public ReviewResult Join(IChangeSource source, ReviewConfig config, IReadOnlyList<Finding> findings, IReadOnlyList<Notice> notices, int analyzedFileCount) =>
        new()
        {
            Findings = findings,
            Notices = notices,
            Files = source.ReadChanges(FileLimits.Default).Files,
            Catalog = registry.Catalog,
            Config = config,
            AnalyzedFileCount = analyzedFileCount,
        };
}

/// <summary>A review's result and the change it reviewed (its commits, for the reports' metadata).</summary>
public sealed record ReviewRun(ReviewResult Result, ChangeSet Changes);
