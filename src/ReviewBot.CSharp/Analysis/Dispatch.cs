using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Engine.Review;

namespace ReviewBot.CSharp.Analysis;

/// <summary>The enabled rules indexed by the syntax kinds they look at, so that one walk of a tree serves them all.</summary>
internal sealed class Dispatch
{
    private readonly Dictionary<SyntaxKind, CSharpRule[]> _byKind;
    private readonly IReadOnlyList<CSharpRule> _rules;
    private readonly ReviewTimings? _timings;
    private readonly Dictionary<CSharpRule, int> _workOf = [];

    private Dispatch(IReadOnlyList<CSharpRule> rules, ReviewTimings? timings)
    {
        _rules = rules;
        _timings = timings;
        if (timings is not null)
        {
            foreach (var rule in rules) _workOf[rule] = timings.RuleFamilyKey(rule.Descriptor);
        }

        _byKind = rules
            .SelectMany(rule => rule.Kinds.Select(kind => (kind, rule)))
            .GroupBy(x => x.kind)
            .ToDictionary(g => g.Key, g => g.Select(x => x.rule).ToArray());
    }

    /// <summary>The dispatch of <paramref name="rules"/>, timing each rule family's work in <paramref name="timings"/> when given.</summary>
    public static Dispatch Create(IReadOnlyList<CSharpRule> rules, ReviewTimings? timings = null) => new(rules, timings);

    public void Walk(FileContext file)
    {
        // Whether a node is test code is inherited from its parent (the walk visits parents first), so that a deep tree
        // does not cost an ancestor walk per node.
        var isTest = new Dictionary<SyntaxNode, bool>();
        foreach (var node in file.Root.DescendantNodesAndSelf())
        {
            var inherited = node.Parent is { } parent && isTest.TryGetValue(parent, out var parentIsTest) ? parentIsTest : file.IsTestPath;
            var test = inherited || (node is TypeDeclarationSyntax type && file.IsTestType(type));
            if (node.ChildNodes().Any()) isTest[node] = test;
            if (!_byKind.TryGetValue(node.Kind(), out var rules)) continue;
            file.CancellationToken.ThrowIfCancellationRequested();
            foreach (var rule in rules)
            {
                if (!Applies(rule, test)) continue;
                using var timing = _timings?.Work(_workOf[rule]);
                rule.AnalyzeNode(node, file);
            }
        }

        foreach (var rule in _rules)
        {
            file.CancellationToken.ThrowIfCancellationRequested();
            using var timing = _timings?.Work(_workOf[rule]);
            rule.AnalyzeFile(file);
        }
    }

    private static bool Applies(CSharpRule rule, bool isTestCode) => rule.Scope switch
    {
        CodeScope.TestCodeOnly => isTestCode,
        CodeScope.NonTestCodeOnly => !isTestCode,
        _ => true,
    };
}
