using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Review;

/// <summary>The outcome of a review, before any report or publisher shapes it.</summary>
public sealed class ReviewResult
{
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required IReadOnlyList<Notice> Notices { get; init; }

    public required IReadOnlyList<ChangedFile> Files { get; init; }

    public required RuleCatalog Catalog { get; init; }

    public required ReviewConfig Config { get; init; }

    /// <summary>Files an analyzer looked at.</summary>
    public int AnalyzedFileCount { get; init; }

    /// <summary>The findings the configured filter mode keeps, in the stable order.</summary>
    public IReadOnlyList<Finding> Reported => field ??= Findings.Where(f => Config.Filter.Keeps(f.Mark)).ToList();

    /// <summary>True when a reported finding reaches <see cref="ReviewConfig.FailOn"/>.</summary>
    public bool MeetsFailOn => Reported.Any(f => Config.Fails(f.Severity));
}
