using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Python.Tests;

public sealed class AnalyzerContractTests
{
    private static readonly PythonAnalyzer Analyzer = new();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Analyzer.Rules) data.Add(rule.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleHasACompleteDocAndAnIdOfItsCategory(string id)
    {
        var rule = Analyzer.Rules.Single(r => r.Id == id);
        Assert.True(rule.Doc.IsComplete, $"{id} {rule.Name} has an incomplete doc.");
        Assert.Matches(@"^RBPY[1-9][0-9]{2}$", rule.Id);
        Assert.Equal((int)rule.Category + 1, rule.Id[4] - '0');
        Assert.Equal(Languages.Python, rule.Language);
    }

    [Fact]
    public void RuleIdsAndNamesAreUniqueAndTheCatalogAcceptsThem()
    {
        var catalog = new RuleCatalog(Analyzer.Rules);
        Assert.Equal(Analyzer.Rules.Count, catalog.Rules.Count);
        Assert.Equal(Analyzer.Rules.Count, Analyzer.Rules.Select(r => r.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("a/b.py", true)]
    [InlineData("a/b.pyi", true)]
    [InlineData("A/B.PY", true)]
    [InlineData("a/b.pyc", false)]
    [InlineData("a/py", false)]
    public void CanAnalyzePythonSourcesAndStubs(string path, bool expected) => Assert.Equal(expected, Analyzer.CanAnalyze(path));

    [Fact]
    public void DisabledRulesAndCategoriesReportNothing()
    {
        var source = "import os\ndef f():\n    x = 1\n";
        var byCategory = new AnalysisContext { Rules = new RuleSettings(disabledCategories: new HashSet<Category> { Category.UnusedCode }) };
        var byId = new AnalysisContext { Rules = new RuleSettings(ruleEnabled: new Dictionary<string, bool> { ["RBPY401"] = false }) };
        Assert.DoesNotContain(PythonTestKit.Analyze(source, context: byCategory).Findings, f => f.Category == Category.UnusedCode);
        var findings = PythonTestKit.Analyze(source, context: byId).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == "RBPY401");
        Assert.Contains(findings, f => f.RuleId == "RBPY402");
    }
}
