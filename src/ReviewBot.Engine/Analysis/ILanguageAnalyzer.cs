using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Analyzes the changed files of one language. Implementations are stateless between calls (caches of immutable data,
/// such as reference assemblies, are fine), must never execute or build the code they read, and report a file they
/// cannot parse as a <see cref="Notice"/> rather than throwing.
/// </summary>
public interface ILanguageAnalyzer
{
    /// <summary>The language id (<see cref="Languages"/>).</summary>
    string Language { get; }

    /// <summary>Every rule this analyzer can report.</summary>
    IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>True when <paramref name="path"/> is a file of this language (by name).</summary>
    bool CanAnalyze(string path);

    /// <summary>
    /// Analyzes <paramref name="files"/> together (an analyzer may use one file to understand another). Findings carry
    /// their rule's default severity; the engine applies configured severities, suppressions, fingerprints and the diff filter.
    /// </summary>
    AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken);
}

/// <summary>What an analyzer returns: findings and notices about files it could not (fully) analyze.</summary>
public sealed record AnalyzerOutput(IReadOnlyList<Finding> Findings, IReadOnlyList<Notice> Notices)
{
    public static AnalyzerOutput Empty { get; } = new([], []);
}
