using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.CSharp.Analysis;
using ReviewBot.CSharp.Packages;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.CSharp;

/// <summary>
/// The C# analyzer: parses the changed <c>.cs</c> files, binds them in a compilation with the other files of their
/// project, the projects it references and the framework's reference assemblies (<see cref="ProjectCompilations"/>),
/// and runs every enabled rule in one walk per tree, as the repository's own severities allow
/// (<see cref="RuleSeverities"/>). Nothing is built, restored or run.
/// </summary>
public sealed class CSharpAnalyzer : ILanguageAnalyzer
{
    private static readonly Lazy<IReadOnlyList<CSharpRule>> AllRules = new(() => RuleSet.Create());

    /// <summary>
    /// The longest expression (tokens without a <c>, ; { }</c>) handed to Roslyn. Hand-written C# stays far below it (a
    /// long fluent chain is a few hundred tokens); a run of thousands is a file built to exhaust the parser.
    /// </summary>
    public const int MaxTokensWithoutSeparator = 4000;

    private readonly PackageResolver? _packages;

    /// <summary>An analyzer that compiles against the packages <paramref name="packages"/> resolves (none when null).</summary>
    public CSharpAnalyzer(PackageResolver? packages = null)
    {
        _packages = packages;
    }

    public string Language => Engine.Findings.Languages.CSharp;

    public IReadOnlyList<RuleDescriptor> Rules { get; } = AllRules.Value.Select(r => r.Descriptor).ToList();

    public bool CanAnalyze(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken)
    {
        var rules = AllRules.Value.Where(r => context.Rules.IsEnabled(r.Descriptor)).ToList();
        if (rules.Count == 0 || files.Count == 0) return AnalyzerOutput.Empty;

        var timings = context.Timings;
        var notices = new List<Notice>();
        var toAnalyze = new List<SourceFile>();
        // Each file's project first, one at a time (evaluations are cached per review): it decides how the file parses.
        var evaluating = timings?.Work("csharp: project context (MSBuild files, .editorconfig)");
        var layout = new ProjectLayout(context.Repository, context.Limits.MaxFileBytes);
        var ruleSeverities = new RuleSeverities(layout.Files);
        var severities = new Dictionary<string, FileSeverities>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fileSeverities = severities[file.Path] = ruleSeverities.For(file.Path, layout.ProjectOf(file.Path));
            var declared = fileSeverities.GeneratedCode;
            if (declared?.Value == "true" || (declared is null && GeneratedCode.IsGenerated(file.Path, file.Text)))
            {
                notices.Add(new Notice(NoticeKind.Skipped, file.Path, declared is null ? "Generated code is not reviewed." : $"Generated code is not reviewed ({declared.Source})."));
            }
            else if (NestingDepth.Scan(file.Text) is var shape && shape.Depth > context.Limits.MaxNestingDepth)
            {
                notices.Add(new Notice(NoticeKind.LimitExceeded, file.Path,
                    $"Brackets are nested {shape.Depth:N0} deep, over the limit of {context.Limits.MaxNestingDepth:N0}; the file was not analyzed."));
            }
            else if (shape.LongestRun > MaxTokensWithoutSeparator)
            {
                notices.Add(new Notice(NoticeKind.LimitExceeded, file.Path,
                    $"An expression runs {shape.LongestRun:N0} tokens without a ',', ';' or brace, over the limit of {MaxTokensWithoutSeparator:N0}; the file was not analyzed."));
            }
            else
            {
                toAnalyze.Add(file);
            }
        }

        var projects = toAnalyze.Select(file => layout.ProjectOf(file.Path)).ToArray();
        evaluating?.Dispose();

        // Parse the changed files (in parallel); a file that does not parse gets a notice and is left out.
        var trees = new SyntaxTree?[toAnalyze.Count];
        var indexOf = toAnalyze.Select((file, i) => (file, i)).ToDictionary(x => x.file, x => x.i);
        var parsed = ParallelFileAnalysis.Run(
            toAnalyze,
            file =>
            {
                var index = indexOf[file];
                var (tree, error) = LargeStack.Run(() =>
                {
                    using var parsing = timings?.Work("csharp: parse changed files");
                    return ParseChanged(file.Path, file.Text, projects[index], cancellationToken);
                });
                if (error is not null)
                {
                    var line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
                    context.Binding?.Add(new FileBinding(file.Path, 1, $"does not parse ({error.Id} on line {line})"));
                    return new AnalyzerOutput([], [new Notice(NoticeKind.ParseError, file.Path, $"The file does not parse as C# 14 ({Describe(error)}); it was not analyzed.") { Line = line }]);
                }

                trees[index] = tree;
                return AnalyzerOutput.Empty;
            },
            cancellationToken);
        notices.AddRange(parsed.Notices);

        var changedPaths = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        var groups = toAnalyze.Select((file, i) => (File: file, Tree: trees[i], Project: projects[i]))
            .Where(x => x.Tree is not null)
            .GroupBy(x => x.Project)
            .ToList();
        var changedTrees = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<SyntaxTree>)g.Select(x => x.Tree!).ToList());
        var compilations = new ProjectCompilations(layout, changedTrees, changedPaths, context.Limits, notices, cancellationToken, _packages) { Timings = timings };
        foreach (var project in projects.Distinct()) compilations.AddReaderNotices(project);
        var units = new List<(SourceFile File, SyntaxTree Tree, ProjectInfo Project, Compilation Compilation, IReadOnlyList<string> Packages)>();
        foreach (var group in groups)
        {
            var compilation = compilations.For(group.Key);
            var packages = compilations.PackagesInReach(group.Key);
            units.AddRange(group.Select(x => (x.File, x.Tree!, group.Key, compilation, packages)));
        }

        var dispatch = Dispatch.Create(rules, timings);
        var unitFiles = units.Select(u => u.File).ToList();
        var unitOf = units.ToDictionary(u => u.File);
        var analyzed = ParallelFileAnalysis.Run(
            unitFiles,
            file =>
            {
                var unit = unitOf[file];
                return LargeStack.Run(() => AnalyzeFile(unit.File, unit.Tree, unit.Project, unit.Compilation, unit.Packages, severities[unit.File.Path], dispatch, context, cancellationToken));
            },
            cancellationToken);
        notices.AddRange(analyzed.Notices);
        return new AnalyzerOutput(analyzed.Findings, notices);
    }

    internal static SyntaxTree Parse(string path, string text, CSharpParseOptions options, CancellationToken cancellationToken) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text), options, path, cancellationToken);

    /// <summary>
    /// A changed file parsed as its project parses it, and its first syntax error. When the project's language version
    /// is older than the file's syntax (the version came from a file the reader could not see, or was misread), the file
    /// is read as the newest C# instead: the project compiles, so the older version cannot be the one it builds with.
    /// </summary>
    internal static (SyntaxTree Tree, Diagnostic? Error) ParseChanged(string path, string text, ProjectInfo project, CancellationToken cancellationToken)
    {
        var tree = Parse(path, text, project.ParseOptions, cancellationToken);
        var error = FirstError(tree, cancellationToken);
        if (error is null || project.ParseOptions.LanguageVersion >= ReferenceSet.ParseOptions.LanguageVersion) return (tree, error);
        var newest = Parse(path, text, project.ParseOptions.WithLanguageVersion(ReferenceSet.ParseOptions.LanguageVersion), cancellationToken);
        return FirstError(newest, cancellationToken) is null ? (newest, null) : (tree, error);
    }

    private static Diagnostic? FirstError(SyntaxTree tree, CancellationToken cancellationToken) =>
        tree.GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);

    private static AnalyzerOutput AnalyzeFile(
        SourceFile source, SyntaxTree tree, ProjectInfo project, Compilation compilation, IReadOnlyList<string> packages, FileSeverities severities, Dispatch dispatch,
        AnalysisContext context, CancellationToken cancellationToken)
    {
        var model = compilation.GetSemanticModel(tree);
        var file = new FileContext(source, tree, model, project, context, cancellationToken, severities) { PackagesInReach = packages };
        using (context.Timings?.Work("csharp: syntax walk")) dispatch.Walk(file);
        if (context.Binding is { } binding)
        {
            var errors = file.CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            binding.Add(new FileBinding(source.Path, errors.Count, errors.Count == 0 ? null : Describe(errors[0])));
        }

        var findings = file.Findings.OrderBy(f => f.StartLine).ThenBy(f => f.StartColumn).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        return new AnalyzerOutput(findings, []);
    }

    /// <summary>A compiler diagnostic as users read it: <c>CS0246 on line 12: message</c>.</summary>
    internal static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} on line {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
