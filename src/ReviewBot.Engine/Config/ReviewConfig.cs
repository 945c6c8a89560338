using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Config;

/// <summary>The lowest severity that fails a review (exit code 1, a failed check run); <see cref="None"/> never fails.</summary>
public enum FailOn
{
    None,
    Error,
    Warning,
}

/// <summary>
/// Per-repository settings, from <c>.reviewbot.yml</c> at the repository root (read from the base revision or the
/// default branch, never from the change under review) or from <c>--config FILE</c>.
/// </summary>
public sealed record ReviewConfig
{
    public static ReviewConfig Default { get; } = new();

    /// <summary>Paths never reviewed.</summary>
    public IReadOnlyList<Glob> Exclude { get; init; } = [];

    public IReadOnlySet<Category> DisabledCategories { get; init; } = new HashSet<Category>();

    /// <summary>Rules switched on or off by id; wins over the category switch.</summary>
    public IReadOnlyDictionary<string, bool> RuleEnabled { get; init; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Severity> RuleSeverity { get; init; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

    public FilterMode Filter { get; init; } = FilterMode.Added;

    /// <summary>Inline comments in one review; the rest are listed in the summary.</summary>
    public int MaxInlineComments { get; init; } = 25;

    public FailOn FailOn { get; init; } = FailOn.Error;

    public AnalysisThresholds Thresholds { get; init; } = new();

    /// <summary>Whether the App reviews draft pull requests.</summary>
    public bool ReviewDrafts { get; init; }

    public bool IsExcluded(string path) => Exclude.Any(glob => glob.IsMatch(path));

    public RuleSettings ToRuleSettings() => new(DisabledCategories, RuleEnabled, RuleSeverity);

    /// <summary>True when a finding of <paramref name="severity"/> fails the review under <see cref="FailOn"/>.</summary>
    public bool Fails(Severity severity) => FailOn switch
    {
        FailOn.Error => severity >= Severity.Error,
        FailOn.Warning => severity >= Severity.Warning,
        _ => false,
    };
}
