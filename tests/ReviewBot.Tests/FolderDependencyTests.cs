using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ReviewBot.Tests;

/// <summary>
/// The folders of <c>src/ReviewBot</c> depend on each other one way only, as <c>docs/architecture.md</c> draws them:
/// read from the source, so a new <c>using</c> that breaks the picture fails here rather than in a reviewer's head.
/// </summary>
public sealed partial class FolderDependencyTests
{
    // Each folder with the folders it may use; the table in docs/architecture.md says the same.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Git"] = [],
        ["GitHub"] = ["Telemetry"],
        ["Jobs"] = ["Git", "GitHub", "Telemetry"],
        ["Jobs/Postgres"] = ["Jobs", "GitHub"],
        ["Jobs/Sqlite"] = ["Jobs"],
        ["Webhooks"] = ["Jobs", "GitHub", "Telemetry"],
        ["Cli"] = ["Git", "GitHub"],
        ["Hosting"] = ["Cli", "GitHub", "Jobs", "Jobs/Postgres", "Jobs/Sqlite", "Telemetry", "Webhooks"],
        ["Telemetry"] = [],
    };

    private static string SourceFolder([CallerFilePath] string caller = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", "src", "ReviewBot"));

    [Fact]
    public void EveryFolder_UsesOnlyTheFoldersBelowIt()
    {
        var root = SourceFolder();
        var folders = Directory.GetDirectories(root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(root, d).Replace('\\', '/'))
            .Where(d => !d.StartsWith("bin", StringComparison.Ordinal) && !d.StartsWith("obj", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));

        var violations = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.cs"))
            {
                var used = UsedFolders(File.ReadAllText(file)).Where(u => u != folder && !Allowed[folder].Contains(u));
                violations.AddRange(used.Select(u => $"{folder}/{Path.GetFileName(file)} uses {u}/"));
            }
        }

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("Microsoft.Data.Sqlite", "Jobs/Sqlite")]
    [InlineData("Npgsql", "Jobs/Postgres")]
    public void DatabaseDriverTypes_StayInTheirStoreAndTheComposition(string driver, string store)
    {
        var root = SourceFolder();
        var users = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(driver, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, Path.GetDirectoryName(f)!).Replace('\\', '/'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(users);
        Assert.All(users, folder => Assert.Contains(folder, new[] { store, "Hosting" }));
    }

    [Fact]
    public void UsedFolders_SeesUsingsAndQualifiedNames_NotOctokitsOwn()
    {
        Assert.Equal(["Hosting"], UsedFolders("using ReviewBot.Hosting;\nclass A {}"));
        Assert.Equal(["Jobs/Sqlite"], UsedFolders("var s = new ReviewBot.Jobs.Sqlite.SqliteJobStore(p, t);"));
        Assert.Equal(["GitHub"], UsedFolders("IOptions<GitHub.GitHubAppOptions> github"));
        Assert.Empty(UsedFolders("using Octokit.Webhooks;\n// Webhooks/ is the folder, not Webhooks.Thing\nOctokit.Webhooks.Models.User? user"));
    }

    /// <summary>The folders of this project that <paramref name="source"/> names, by <c>using</c> or a qualified name.</summary>
    private static List<string> UsedFolders(string source)
    {
        var code = LineComment().Replace(source, "");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in ProjectNamespace().Matches(code)) used.Add(match.Groups[1].Value.Replace('.', '/'));
        // Inside namespace ReviewBot.X, a sibling is named without the prefix (GitHub.PublishTarget).
        foreach (Match match in SiblingName().Matches(code)) used.Add(match.Groups[1].Value);
        return [.. used];
    }

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bReviewBot\.(Jobs\.Sqlite|Jobs\.Postgres|Cli|Git|GitHub|Jobs|Webhooks|Hosting)\b")]
    private static partial Regex ProjectNamespace();

    [GeneratedRegex(@"(?<![\w.])(Cli|GitHub|Jobs|Webhooks|Hosting)\.[A-Z]")]
    private static partial Regex SiblingName();
}
