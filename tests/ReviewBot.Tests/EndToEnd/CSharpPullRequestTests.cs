using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewBot.Cli;
using ReviewBot.Engine.Findings;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.EndToEnd;

/// <summary>
/// Issue 3's acceptance, through the real command over a real repository: a pull request adds the C# corpus's changed
/// files (tests/Fixtures/csharp-corpus, shared with ReviewBot.CSharp.Tests' CorpusTests: one instance of every rule,
/// each marked <c>// expect RBCSnnn</c>, next to look-alikes that must stay silent) on top of its context files, and
/// modifies an older file of the same project in which only the added lines may be reported.
/// </summary>
public sealed partial class CSharpPullRequestTests
{
    private const string OlderFile = "src/Shop/Orders.cs";

    // Two findings the pull request does not touch: an unused using and a snake_case method.
    private const string OlderBefore = """
        using System.Text;

        namespace Shop;

        /// <summary>Orders.</summary>
        public sealed class Orders
        {
            /// <summary>Total.</summary>
            public static int order_total(int count) => count * 2;
        }

        """;

    // The pull request adds a method above them, with a weak hash on its one line.
    private const string OlderAfter = """
        using System.Text;

        namespace Shop;

        /// <summary>Orders.</summary>
        public sealed class Orders
        {
            /// <summary>Checksum.</summary>
            public static byte[] Checksum(byte[] data) => System.Security.Cryptography.SHA1.HashData(data);

            /// <summary>Total.</summary>
            public static int order_total(int count) => count * 2;
        }

        """;

    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "csharp-corpus");
    private const string ContextList = "context.txt";

    /// <summary>The corpus's files by repository path: the context listed in context.txt, and the changed files (the rest).</summary>
    private static (Dictionary<string, string> Context, Dictionary<string, string> Changed) Corpus()
    {
        var contextPaths = File.ReadAllLines(Path.Combine(CorpusRoot, ContextList))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(CorpusRoot, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(CorpusRoot, file).Replace('\\', '/');
            if (path == ContextList) continue;
            (contextPaths.Contains(path) ? context : changed)[path] = File.ReadAllText(file);
        }

        Assert.Equal(contextPaths.Order(StringComparer.Ordinal), context.Keys.Order(StringComparer.Ordinal));
        return (context, changed);
    }

    /// <summary><c>main</c>: the corpus's context and the older file; <c>feature</c>: adds the changed files and edits the older file.</summary>
    private static TempGitRepository Repository(Dictionary<string, string> context, Dictionary<string, string> changed)
    {
        var repo = new TempGitRepository();
        foreach (var (path, text) in context) repo.Write(path, text);
        repo.Write(OlderFile, OlderBefore).Commit("shop");
        repo.Checkout("feature", create: true);
        foreach (var (path, text) in changed) repo.Write(path, text);
        repo.Write(OlderFile, OlderAfter).Commit("every rule, and a checksum");
        return repo;
    }

    private static List<(string Path, int Line, string Rule)> Expected(Dictionary<string, string> changed) =>
        changed
            .SelectMany(pair => pair.Value.Split('\n').Select((line, i) => (pair.Key, Line: i + 1, Match: Expect().Match(line))))
            .Where(x => x.Match.Success)
            .Select(x => (x.Key, x.Line, x.Match.Groups[1].Value))
            .Order()
            .ToList();

    private static async Task<(int ExitCode, JsonElement Report, List<(string Path, int Line, string Rule)> Findings)> ReviewAsync(TempGitRepository repo, params string[] extra)
    {
        var result = await CliRunner.RunAsync(["review", "--repo", repo.Path, "--base", "main", "--head", "feature", "--format", "json", .. extra]);
        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.FailOnMet, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement.Clone();
        var findings = report.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("startLine").GetInt32(), f.GetProperty("ruleId").GetString()!))
            .Order()
            .ToList();
        return (result.ExitCode, report, findings);
    }

    private static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{fragment}' is not in the text");
        Assert.Equal(index, Array.FindLastIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal)));
        return index + 1;
    }

    [Fact]
    public async Task AddedFiles_ReportExactlyTheirExpectMarkers_OlderFile_OnlyItsAddedLine()
    {
        var (context, changed) = Corpus();
        using var repo = Repository(context, changed);

        var (exitCode, report, findings) = await ReviewAsync(repo);

        var expected = Expected(changed);
        var checksum = (OlderFile, LineOf(OlderAfter, "SHA1.HashData"), "RBCS102");
        Assert.Equal(expected.Append(checksum).Order(), findings);
        // The older file contributes its added line only, not its unused using or its snake_case method.
        Assert.Equal([checksum], findings.Where(f => f.Path == OlderFile));
        // Every C# rule has its instance among the added files.
        var rules = Analyzers.CreateRegistry().Catalog.Rules.Where(r => r.Language == Languages.CSharp).Select(r => r.Id);
        Assert.Equal(rules.Order(StringComparer.Ordinal), expected.Select(e => e.Rule).Distinct().Order(StringComparer.Ordinal));
        // Every file was analyzed whole: nothing skipped for a limit, nothing unparsable.
        Assert.DoesNotContain(report.GetProperty("notices").EnumerateArray(), n => n.GetProperty("kind").GetString() != nameof(NoticeKind.Skipped));
        // The acceptance's look-alikes, named: the usings that may serve a package's unresolved names, overrides with imposed names.
        Assert.Equal([("src/Shop/Packages.cs", 2, "RBCS401")], findings.Where(f => f.Path == "src/Shop/Packages.cs"));
        Assert.DoesNotContain(findings, f => f.Path == "src/Shop/Naming.cs" && (f.Line == LineOf(changed["src/Shop/Naming.cs"], "void visit_node") || f.Line == LineOf(changed["src/Shop/Naming.cs"], "void on_start")));
        // The security errors (a hard-coded key, SQL built by concatenation, ...) meet fail_on, which defaults to error.
        Assert.Equal(ExitCodes.FailOnMet, exitCode);
        Assert.True(report.GetProperty("failOnMet").GetBoolean());
    }

    [Fact]
    public async Task FileMode_AlsoReportsTheOlderFilesUntouchedFindings()
    {
        var (context, changed) = Corpus();
        using var repo = Repository(context, changed);

        var (_, _, findings) = await ReviewAsync(repo, "--filter", "file");

        Assert.Equal(
            [(LineOf(OlderAfter, "using System.Text;"), "RBCS401"), (LineOf(OlderAfter, "SHA1.HashData"), "RBCS102"), (LineOf(OlderAfter, "order_total"), "RBCS201")],
            findings.Where(f => f.Path == OlderFile).Select(f => (f.Line, f.Rule)).OrderBy(f => f.Line));
        Assert.Equal(Expected(changed), findings.Where(f => f.Path != OlderFile));
    }

    [GeneratedRegex(@"// expect (RBCS\d{3})")]
    private static partial Regex Expect();
}
