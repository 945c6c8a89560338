using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.CSharp.Tests;

/// <summary>
/// Runs the analyzer over test sources. Expected findings are marked in the source with <c>[|</c> at the finding's
/// start (an optional <c>|]</c> closes the span for readability); the markers are removed before analysis.
/// </summary>
internal static class Verify
{
    public const string DefaultPath = "src/Lib/Sample.cs";

    private static readonly CSharpAnalyzer Analyzer = new();

    public static AnalyzerOutput Run(
        string code, string path = DefaultPath, IReadOnlyDictionary<string, string>? repository = null, AnalysisContext? context = null)
    {
        var files = new Dictionary<string, string>(repository ?? new Dictionary<string, string>()) { [path] = code };
        var analysis = context ?? new AnalysisContext();
        analysis = new AnalysisContext
        {
            Rules = analysis.Rules,
            Thresholds = analysis.Thresholds,
            Limits = analysis.Limits,
            Repository = new InMemorySnapshot(files),
        };
        return Analyzer.Analyze([new SourceFile(path, code)], analysis, CancellationToken.None);
    }

    /// <summary>Analyzes one changed file in <paramref name="repository"/>, and returns how it bound in the semantic model.</summary>
    public static (AnalyzerOutput Output, FileBinding Binding) Bound(string path, string code, Dictionary<string, string> repository)
    {
        var binding = new BindingLog();
        var files = new Dictionary<string, string>(repository) { [path] = code };
        var context = new AnalysisContext { Repository = new InMemorySnapshot(files), Binding = binding };
        var output = Analyzer.Analyze([new SourceFile(path, code)], context, CancellationToken.None);
        return (output, Assert.Single(binding.Files));
    }

    /// <summary>Asserts that <paramref name="ruleId"/> reports exactly at the marked positions, and returns those findings.</summary>
    public static IReadOnlyList<Finding> Flags(
        string ruleId, string markedCode, string path = DefaultPath, IReadOnlyDictionary<string, string>? repository = null, AnalysisContext? context = null)
    {
        var (code, expected) = Unmark(markedCode);
        Assert.NotEmpty(expected);
        var output = Run(code, path, repository, context);
        Assert.DoesNotContain(output.Notices, n => n.IsWarning);
        var findings = output.Findings.Where(f => f.RuleId == ruleId).ToList();
        var actual = findings.Select(f => (f.StartLine, f.StartColumn)).ToList();
        Assert.Equal(expected, actual);
        foreach (var finding in findings) AssertMessageShape(finding.Message);
        return findings;
    }

    /// <summary>Asserts that <paramref name="ruleId"/> reports nothing on <paramref name="code"/> (which must analyze cleanly).</summary>
    public static void NoFinding(
        string ruleId, string code, string path = DefaultPath, IReadOnlyDictionary<string, string>? repository = null, AnalysisContext? context = null)
    {
        var output = Run(code, path, repository, context);
        Assert.DoesNotContain(output.Notices, n => n.IsWarning);
        Assert.DoesNotContain(output.Findings, f => f.RuleId == ruleId);
    }

    public static (string Code, List<(int Line, int Column)> Marks) Unmark(string marked)
    {
        var marks = new List<(int, int)>();
        var builder = new System.Text.StringBuilder();
        int line = 1, column = 1;
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '[' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                marks.Add((line, column));
                i++;
                continue;
            }

            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == ']')
            {
                i++;
                continue;
            }

            builder.Append(marked[i]);
            if (marked[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (builder.ToString(), marks);
    }

    /// <summary>A message reads well after "For example, ": one sentence ending with a period, naming something in quotes.</summary>
    private static void AssertMessageShape(string message)
    {
        Assert.EndsWith(".", message);
        Assert.True(char.IsUpper(message[0]) || message[0] == '\'', message);
        Assert.Contains("'", message);
    }
}
