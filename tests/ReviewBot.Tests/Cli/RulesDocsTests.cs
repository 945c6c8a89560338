using System.Runtime.CompilerServices;
using ReviewBot.Cli;

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
}
