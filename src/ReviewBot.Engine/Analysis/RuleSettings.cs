using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Analysis;

/// <summary>Which rules run and at what severity, after configuration.</summary>
public sealed class RuleSettings
{
    private readonly IReadOnlySet<Category> _disabledCategories;
    private readonly IReadOnlyDictionary<string, bool> _ruleEnabled;
    private readonly IReadOnlyDictionary<string, Severity> _severity;

    public RuleSettings(
        IReadOnlySet<Category>? disabledCategories = null,
        IReadOnlyDictionary<string, bool>? ruleEnabled = null,
        IReadOnlyDictionary<string, Severity>? severity = null)
    {
        _disabledCategories = disabledCategories ?? new HashSet<Category>();
        _ruleEnabled = ruleEnabled ?? new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        _severity = severity ?? new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
    }

    public static RuleSettings AllEnabled { get; } = new();

    /// <summary>A rule switched on or off by id wins over its category's switch.</summary>
    public bool IsEnabled(RuleDescriptor rule) =>
        _ruleEnabled.TryGetValue(rule.Id, out var on) ? on : !_disabledCategories.Contains(rule.Category);

    /// <summary>The configured severity of a rule, else <paramref name="reported"/> (an analyzer may report at the repository's own severity).</summary>
    public Severity SeverityOf(RuleDescriptor rule, Severity reported) => _severity.GetValueOrDefault(rule.Id, reported);
}
