using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ReviewBot.CSharp.Analysis;

/// <summary>The enabled rules indexed by the syntax kinds they look at, so that one walk of a tree serves them all.</summary>
internal sealed class Dispatch
{
    private readonly Dictionary<SyntaxKind, CSharpRule[]> _byKind;
    private readonly IReadOnlyList<CSharpRule> _rules;

    private Dispatch(IReadOnlyList<CSharpRule> rules)
    {
        _rules = rules;
        _byKind = rules
            .SelectMany(rule => rule.Kinds.Select(kind => (kind, rule)))
            .GroupBy(x => x.kind)
            .ToDictionary(g => g.Key, g => g.Select(x => x.rule).ToArray());
    }

    public static Dispatch Create(IReadOnlyList<CSharpRule> rules) => new(rules);

    public void Walk(FileContext file)
    {
        foreach (var node in file.Root.DescendantNodesAndSelf())
        {
            if (!_byKind.TryGetValue(node.Kind(), out var rules)) continue;
            file.CancellationToken.ThrowIfCancellationRequested();
            foreach (var rule in rules)
            {
                if (Applies(rule, node, file)) rule.AnalyzeNode(node, file);
            }
        }

        foreach (var rule in _rules)
        {
            file.CancellationToken.ThrowIfCancellationRequested();
            rule.AnalyzeFile(file);
        }
    }

    private static bool Applies(CSharpRule rule, SyntaxNode node, FileContext file) => rule.Scope switch
    {
        CodeScope.TestCodeOnly => file.IsTestCode(node),
        CodeScope.NonTestCodeOnly => !file.IsTestCode(node),
        _ => true,
    };
}
