using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Analysis;

/// <summary>The analyzers of a review, chosen by file name; the first that claims a path analyzes it.</summary>
public sealed class AnalyzerRegistry
{
    public AnalyzerRegistry(IEnumerable<ILanguageAnalyzer> analyzers)
    {
        Analyzers = analyzers.ToList();
        Catalog = new RuleCatalog(Analyzers.SelectMany(a => a.Rules));
    }

    public IReadOnlyList<ILanguageAnalyzer> Analyzers { get; }

    public RuleCatalog Catalog { get; }

    public ILanguageAnalyzer? For(string path) => Analyzers.FirstOrDefault(a => a.CanAnalyze(path));
}
