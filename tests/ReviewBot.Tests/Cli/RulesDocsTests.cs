using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ReviewBot.Cli;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// Review comments link every rule id to <c>docs/rules/ID.md</c>; those pages are generated from the rule catalogue,
/// so they must be regenerated whenever a rule or its doc comment changes.
/// </summary>
public sealed class RulesDocsTests
{
    private static string DocsFolder([CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "..", "docs", "rules"));

    [Fact]
    public void CommittedRulePages_MatchTheCatalogue()
    {
        var pages = RulesCommand.Pages(Analyzers.CreateRegistry().Catalog).ToList();
        var folder = DocsFolder();

        foreach (var (name, text) in pages)
        {
            var path = Path.Combine(folder, name);
            Assert.True(File.Exists(path), $"docs/rules/{name} is missing: run `dotnet run --project src/ReviewBot -- rules --write-docs docs/rules`.");
            Assert.True(File.ReadAllText(path) == text, $"docs/rules/{name} is stale: run `dotnet run --project src/ReviewBot -- rules --write-docs docs/rules`.");
        }

        Assert.Equal(pages.Select(p => p.Name).Order(StringComparer.Ordinal), Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteDocs_WritesOnePagePerRuleAndAnIndex()
    {
        var folder = Directory.CreateTempSubdirectory("reviewbot-docs-").FullName;
        try
        {
            var result = await CliRunner.RunAsync("rules", "--write-docs", folder);

            Assert.Equal(0, result.ExitCode);
            var catalog = Analyzers.CreateRegistry().Catalog;
            Assert.Equal(catalog.Rules.Count + 1, Directory.GetFiles(folder).Length);
            Assert.Contains("**Why it matters:**", await File.ReadAllTextAsync(Path.Combine(folder, "RBCS201.md")), StringComparison.Ordinal);
            Assert.Contains("[RBPY401](RBPY401.md)", await File.ReadAllTextAsync(Path.Combine(folder, "README.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void RulePages_CiteOnlySettingsTheTableHas() =>
        Assert.Empty(StaleSettingCitations(Analyzers.CreateRegistry().Catalog.Rules));

    [Fact]
    public void AStaleSettingInARulesDoc_IsCaught()
    {
        // What RBPY801's page said before the table: a key the loader never read.
        var plain = new RuleDescriptor("RBPY801", "LongFunction", Category.FunctionLength, Severity.Note, "python", "Long function")
        {
            Doc = new RuleDoc("A function longer than `thresholds.max_function_lines`.", "Why.", "code", "fix", null),
        };
        var cited = plain with { Doc = RuleDoc.Empty with { CitedSettings = ["thresholds.max_function_lines"] } };
        var current = plain with { Doc = new RuleDoc("A function longer than `thresholds.function_lines`, 60 by default.", "Why.", "code", "fix", null) };

        Assert.Equal(["RBPY801: thresholds.max_function_lines"], StaleSettingCitations([plain]));
        Assert.Equal(["RBPY801: thresholds.max_function_lines"], StaleSettingCitations([cited]));
        Assert.Empty(StaleSettingCitations([current]));
    }

    [Fact]
    public void TheReadmesSettingsTable_IsTheOneTable_AndAStaleOneIsCaught()
    {
        var readme = File.ReadAllText(Path.Combine(DocsFolder(), "..", "..", "README.md"));
        Assert.True(
            SettingsCommand.WithTable(readme) == readme,
            "README.md's settings table is stale: run `dotnet run --project src/ReviewBot -- settings --write-readme README.md`.");
        Assert.Contains("| `thresholds.function_lines` | whole number | 60 | 1 to 10000 |", readme, StringComparison.Ordinal);

        var stale = readme.Replace("| `thresholds.function_lines` |", "| `thresholds.max_function_lines` |", StringComparison.Ordinal);
        Assert.NotEqual(stale, SettingsCommand.WithTable(stale));
    }

    [Fact]
    public async Task SettingsCommand_PrintsTheTable()
    {
        var result = await CliRunner.RunAsync("settings");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReviewSettings.MarkdownTable(), result.Stdout);
        Assert.Equal(ReviewSettings.All.Count + 2, result.Stdout.TrimEnd('\n').Split('\n').Length);
    }

    // Every key a rule's doc cites, by <setting> or as `thresholds.x` text, must be in the settings table.
    private static List<string> StaleSettingCitations(IEnumerable<RuleDescriptor> rules)
    {
        var stale = new List<string>();
        foreach (var rule in rules)
        {
            var keys = rule.Doc.CitedSettings.Concat(Regex.Matches(rule.Doc.ToMarkdown(), @"\bthresholds\.[a-z_]+").Select(m => m.Value));
            stale.AddRange(keys.Where(key => ReviewSettings.Find(key) is null).Distinct().Select(key => $"{rule.Id}: {key}"));
        }

        return stale;
    }
}
