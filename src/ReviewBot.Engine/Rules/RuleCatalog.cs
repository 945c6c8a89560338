namespace ReviewBot.Engine.Rules;

/// <summary>Every rule the review knows, by id. The SARIF metadata, the help text and the rules page come from here.</summary>
public sealed class RuleCatalog
{
    private readonly Dictionary<string, RuleDescriptor> _byId;

    public RuleCatalog(IEnumerable<RuleDescriptor> rules)
    {
        Rules = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        _byId = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in Rules)
        {
            if (!_byId.TryAdd(rule.Id, rule)) throw new InvalidOperationException($"Rule id {rule.Id} is declared twice.");
        }
    }

    /// <summary>All rules, ordered by id.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; }

    public RuleDescriptor? Find(string id) => _byId.GetValueOrDefault(id);

    public bool Contains(string id) => _byId.ContainsKey(id);
}
