using ReviewBot.CSharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Python;

namespace ReviewBot.Cli;

/// <summary>The analyzers every review runs, by language.</summary>
internal static class Analyzers
{
    private static readonly Lazy<AnalyzerRegistry> Shared = new(() => new AnalyzerRegistry([new CSharpAnalyzer(), new PythonAnalyzer()]));

    /// <summary>One registry per process: analyzers cache immutable data (reference assemblies) across reviews.</summary>
    public static AnalyzerRegistry CreateRegistry() => Shared.Value;
}
