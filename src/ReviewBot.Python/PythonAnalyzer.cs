using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;
using ReviewBot.Python.Rules;
using ReviewBot.Python.Syntax;

namespace ReviewBot.Python;

/// <summary>
/// Reviews Python files with our own parser and scopes: no Python runtime is used. Files are independent and analyzed
/// in parallel; a file with a syntax error becomes a <see cref="NoticeKind.ParseError"/> notice and gets no findings.
/// </summary>
public sealed class PythonAnalyzer : ILanguageAnalyzer
{
    public string Language => Languages.Python;

    public IReadOnlyList<RuleDescriptor> Rules { get; } = PythonRule.All.Select(r => r.Descriptor).ToList();

    public bool CanAnalyze(string path) =>
        path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase);

    public AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken)
    {
        var rules = PythonRule.All.Where(r => context.Rules.IsEnabled(r.Descriptor)).ToList();
        var repository = new RepositoryText(context.Repository, context.Limits, files, context.Timings);
        // Looked up once: the rules run for every file.
        var ruleWork = context.Timings is { } timings ? rules.Select(r => timings.RuleFamilyKey(r.Descriptor)).ToArray() : null;
        return ParallelFileAnalysis.Run(files, file => AnalyzeFile(file, context, rules, ruleWork, repository, cancellationToken), cancellationToken);
    }

    private static AnalyzerOutput AnalyzeFile(
        SourceFile file, AnalysisContext context, IReadOnlyList<PythonRule> rules, int[]? ruleWork, RepositoryText repository, CancellationToken cancellationToken)
    {
        var timings = context.Timings;
        ModuleNode module;
        try
        {
            using var parsing = timings?.Work("python: parse");
            module = Parser.ParseModule(file.Text, context.Limits.MaxNestingDepth);
        }
        catch (SyntaxErrorException error)
        {
            var notice = new Notice(NoticeKind.ParseError, file.Path, $"Python syntax error: {error.Message}.")
            {
                Line = error.Line,
                Column = error.Column,
            };
            return new AnalyzerOutput([], [notice]);
        }
        catch (NestingLimitException limit)
        {
            return new AnalyzerOutput([], [new Notice(NoticeKind.LimitExceeded, file.Path, limit.Message) { Line = limit.Line }]);
        }

        var python = new PythonFile(file.Path, file.Text, module, context.Thresholds, file.Lines, repository) { Timings = timings };
        for (var i = 0; i < rules.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var timing = timings?.Work(ruleWork![i]);
            rules[i].Analyze(python);
        }

        return new AnalyzerOutput(python.Findings, []);
    }
}
