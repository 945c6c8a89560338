using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Python.Tests;

/// <summary>Runs the analyzer over source strings.</summary>
internal static class PythonTestKit
{
    private static readonly PythonAnalyzer Analyzer = new();

    public static AnalyzerOutput Analyze(string source, string path = "pkg/module.py", AnalysisContext? context = null) =>
        Analyzer.Analyze([new SourceFile(path, Normalize(source))], context ?? AnalysisContext.Default, CancellationToken.None);

    /// <summary>The findings of one rule, ordered by line.</summary>
    public static List<Finding> Findings(string ruleId, string source, string path = "pkg/module.py", AnalysisContext? context = null)
    {
        var output = Analyze(source, path, context);
        Assert.Empty(output.Notices);
        return output.Findings.Where(f => f.RuleId == ruleId).OrderBy(f => f.StartLine).ToList();
    }

    /// <summary>The lines that rule <paramref name="ruleId"/> flags.</summary>
    public static int[] Lines(string ruleId, string source, string path = "pkg/module.py", AnalysisContext? context = null) =>
        Findings(ruleId, source, path, context).Select(f => f.StartLine).ToArray();

    /// <summary>A context whose repository holds <paramref name="files"/> (path to text), the reviewed file among them.</summary>
    public static AnalysisContext InRepository(Dictionary<string, string> files) => new() { Repository = new InMemorySnapshot(files) };

    /// <summary>Raw string literals in tests start with a newline for readability; line 1 is the line after it.</summary>
    public static string Normalize(string source) => source.Replace("\r\n", "\n", StringComparison.Ordinal);
}
