using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
                if (Applies(rule, test)) rule.AnalyzeNode(node, file);
            }
        }

        foreach (var rule in _rules)
        {
            file.CancellationToken.ThrowIfCancellationRequested();
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
