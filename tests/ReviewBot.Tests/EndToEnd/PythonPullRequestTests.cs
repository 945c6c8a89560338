using System.Text.Json;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.EndToEnd;

/// <summary>
/// Issue 4's acceptance, through the real command over a real repository: a pull request adds a unittest file (modelled
/// on the sample review's OpenStack test) with findings of every category, and modifies an older module in which only
/// the added lines may be reported.
/// </summary>
public sealed class PythonPullRequestTests
{
    private const string TestFile = "nova/tests/functional/test_evacuate.py";
    private const string Module = "nova/compute/evacuate.py";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Fixtures", name));

    private static TempGitRepository Repository()
    {
        var repo = new TempGitRepository();
        repo.Write(Module, Fixture("evacuate_old.py"))
            .Write(".reviewbot.yml", "thresholds:\n  function_lines: 12\n  test_assertions: 5\n")
            .Commit("base");
        repo.Checkout("feature", create: true)
            .Write(Module, Fixture("evacuate_new.py"))
            .Write(TestFile, Fixture("test_evacuate.py"))
            .Commit("evacuate in parallel");
        return repo;
    }

    [Fact]
    public async Task AddedUnittestFile_HasEveryCategory_OldModule_OnlyAddedLines()
    {
        using var repo = Repository();

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Path: f.GetProperty("path").GetString()!, Line: f.GetProperty("startLine").GetInt32(), Rule: f.GetProperty("ruleId").GetString()!, Category: f.GetProperty("category").GetString()!))
            .ToList();
        Assert.Equal(CategoryNames.AllIds.Order(), findings.Select(f => f.Category).Distinct().Order());
        Assert.Contains((TestFile, 2, "RBPY401"), findings.Select(f => (f.Path, f.Line, f.Rule)));
        Assert.Contains((TestFile, 25, "RBPY103"), findings.Select(f => (f.Path, f.Line, f.Rule)));
        Assert.Contains((TestFile, 28, "RBPY601"), findings.Select(f => (f.Path, f.Line, f.Rule)));
        Assert.Contains((TestFile, 27, "RBPY902"), findings.Select(f => (f.Path, f.Line, f.Rule)));
        // setUp uses the fake image module: unlike the sample review, it is not called unused.
        Assert.DoesNotContain(findings, f => f.Path == TestFile && f.Line == 7);
        // The old module: only lines the pull request added.
        Assert.Equal([(4, "RBPY401"), (13, "RBPY701"), (17, "RBPY303")], findings.Where(f => f.Path == Module).Select(f => (f.Line, f.Rule)));
        // pickle.loads is a warning, and fail_on defaults to error: the review passes.
        Assert.Equal(0, result.ExitCode);
        Assert.False(json.RootElement.GetProperty("failOnMet").GetBoolean());
    }

    [Fact]
    public async Task FileMode_AlsoReportsTheOldModulesUntouchedLines()
    {
        using var repo = Repository();

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", "--filter", "file");

        using var json = JsonDocument.Parse(result.Stdout);
        var old = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("path").GetString() == Module)
            .Select(f => (f.GetProperty("startLine").GetInt32(), f.GetProperty("ruleId").GetString()!))
            .ToList();
        Assert.Contains((3, "RBPY401"), old);
        Assert.Contains((12, "RBPY702"), old);
    }

    [Fact]
    public async Task Summary_ReadsLikeTheSampleReview()
    {
        using var repo = Repository();

        var result = await CliRunner.RunAsync("review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "markdown");

        var lines = result.Stdout.Split('\n');
        // The only security finding is in the test module: named as such, a warning, and the review does not fail.
        Assert.Equal("No security defects are detected outside test code; 1 security finding is in test code:", lines[0]);
        Assert.StartsWith("1. The call to 'pickle.loads' can run arbitrary code", lines[2], StringComparison.Ordinal);
        Assert.Contains(MarkdownSummary.SuggestionsFollow, lines);
        Assert.Equal(
            ["1. Inconsistent naming conventions:", "2. Missing docstrings:", "3. Unused variables and imports:", "4. Complexity:", "5. Assertions:", "6. Logging:", "7. Long functions:", "8. Testing style:"],
            lines.SkipWhile(l => l != MarkdownSummary.SuggestionsFollow).Where(l => l.Length > 3 && char.IsDigit(l[0]) && l[1] == '.').ToArray());
        Assert.Contains(MarkdownSummary.ClosingWithSecurityWarnings, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("For example, the 'json' module is imported but not used (nova/compute/evacuate.py, line 4).", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(MarkdownSummary.Marker, result.Stdout, StringComparison.Ordinal);
    }
}
