using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Findings;
using Xunit.Abstractions;

namespace ReviewBot.Python.Tests.EndToEnd;

/// <summary>
/// A pull request that adds a unittest file with one instance of each category (modelled on the sample review's
/// OpenStack test) and modifies an older module: the analyzer finds each category in the new file, and in the old
/// module only the findings on added lines are marked as added (the engine's filter keeps those).
/// </summary>
public sealed class PullRequestReviewTests(ITestOutputHelper output)
{
    private const string TestPath = "nova/tests/functional/test_evacuate_server_group.py";
    private const string ModulePath = "nova/compute/evacuate.py";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", name)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static AnalyzerOutput Review()
    {
        var testFile = Fixture("test_evacuate_server_group.py");
        var module = Fixture("evacuate_new.py");
        var context = new AnalysisContext
        {
            Thresholds = new AnalysisThresholds { DocumentTests = true, MaxFunctionLines = 8, MaxTestAssertions = 4 },
            Repository = new InMemorySnapshot(new Dictionary<string, string> { [TestPath] = testFile, [ModulePath] = module }),
        };
        return new PythonAnalyzer().Analyze([new SourceFile(TestPath, testFile), new SourceFile(ModulePath, module)], context, CancellationToken.None);
    }

    [Fact]
    public void TheAddedUnittestFileHasOneFindingOfEachCategory()
    {
        var result = Review();
        Assert.Empty(result.Notices);
        var findings = result.Findings.Where(f => f.Path == TestPath).OrderBy(f => f.StartLine).ThenBy(f => f.RuleId).ToList();
        foreach (var finding in findings) output.WriteLine($"{finding.StartLine} {finding.RuleId} {finding.Category.Id()} {finding.Message}");
        Assert.Equal(
            [
                (2, "RBPY401"), (20, "RBPY103"), (26, "RBPY201"), (30, "RBPY503"), (30, "RBPY801"), (33, "RBPY701"), (36, "RBPY902"),
                (37, "RBPY601"), (43, "RBPY304"),
            ],
            findings.Select(f => (f.StartLine, f.RuleId)));
        Assert.Equal(Enum.GetValues<Category>().Order(), findings.Select(f => f.Category).Distinct().Order());
        Assert.Equal("The 'os' module is imported but not used.", findings[0].Message);

        // Unlike the sample review, 'nova.tests.unit.image.fake' is not reported: setUp uses it.
        Assert.DoesNotContain(findings, f => f.Message.Contains("'fake'", StringComparison.Ordinal));
    }

    [Fact]
    public void InTheModifiedModuleOnlyAddedLinesAreMarkedAdded()
    {
        var diff = Assert.Single(UnifiedDiffParser.Parse(Fixture("evacuate.diff")));
        Assert.Equal(ModulePath, diff.Path);
        var findings = Review().Findings.Where(f => f.Path == ModulePath).ToList();
        foreach (var finding in findings) output.WriteLine($"{finding.StartLine} {finding.RuleId} {diff.Lines.Mark(finding.StartLine)} {finding.Message}");

        // The old module already imported 'os' without using it and formatted a log message with '%'.
        var added = findings.Where(f => diff.Lines.Mark(f.StartLine) == DiffMark.AddedLine).Select(f => (f.StartLine, f.RuleId)).Order();
        Assert.Equal([(4, "RBPY401"), (12, "RBPY701")], added);
        Assert.Contains(findings, f => f.RuleId == "RBPY401" && f.StartLine == 3 && diff.Lines.Mark(f.StartLine) != DiffMark.AddedLine);
        Assert.Contains(findings, f => f.RuleId == "RBPY702" && f.StartLine == 11 && diff.Lines.Mark(f.StartLine) != DiffMark.AddedLine);
    }
}
