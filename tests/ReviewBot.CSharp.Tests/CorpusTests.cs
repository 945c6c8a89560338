using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.CSharp.Tests;

/// <summary>
/// A small repository (a library project, its context files and a test project, in tests/Fixtures/csharp-corpus, which
/// the end-to-end test over a real git repository shares) whose changed files hold one instance of every rule, each
/// marked with <c>// expect RBCSnnn</c> on the line it must be reported on, next to look-alikes that must stay silent.
/// Every rule runs on every file: a finding on any other line is a false positive.
/// </summary>
public sealed partial class CorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "csharp-corpus");
    private const string ContextList = "context.txt";

    [Fact]
    public void EveryRule_IsReportedOnceOnItsLine_AndTheLookAlikesStaySilent()
    {
        var (context, changed) = Load();
        Assert.NotEmpty(context);
        var analyzer = new CSharpAnalyzer();
        var repository = new Dictionary<string, string>(context);
        foreach (var (path, text) in changed) repository[path] = text;
        var output = analyzer.Analyze(
            changed.Select(pair => new SourceFile(pair.Key, pair.Value)).ToList(),
            new AnalysisContext { Repository = new InMemorySnapshot(repository) },
            CancellationToken.None);

        Assert.DoesNotContain(output.Notices, n => n.IsWarning);
        var expected = changed
            .SelectMany(pair => pair.Value.Split('\n').Select((line, i) => (pair.Key, Line: i + 1, Match: Expect().Match(line))))
            .Where(x => x.Match.Success)
            .Select(x => $"{x.Match.Groups[1].Value} {x.Key}:{x.Line}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = output.Findings.Select(f => $"{f.RuleId} {f.Path}:{f.StartLine}").Order(StringComparer.Ordinal).ToList();
        var differences = expected.Except(actual).Select(e => "missing " + e).Concat(actual.Except(expected).Select(a => "unexpected " + a)).ToList();
        Assert.True(differences.Count == 0 && expected.Count == actual.Count, string.Join('\n', differences) + $"\n({expected.Count} expected, {actual.Count} found)");

        // Every rule of the analyzer has its instance in the corpus.
        Assert.Equal(analyzer.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), expected.Select(e => e.Split(' ')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The corpus's files by repository path: the context listed in context.txt, and the changed files (the rest).</summary>
    private static (Dictionary<string, string> Context, Dictionary<string, string> Changed) Load()
    {
        var contextPaths = File.ReadAllLines(Path.Combine(Root, ContextList))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var path = Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (path == ContextList) continue;
            (contextPaths.Contains(path) ? context : changed)[path] = File.ReadAllText(file);
        }

        Assert.Equal(contextPaths.Order(StringComparer.Ordinal), context.Keys.Order(StringComparer.Ordinal));
        return (context, changed);
    }

    [GeneratedRegex(@"// expect (RBCS\d{3})")]
    private static partial Regex Expect();
}
