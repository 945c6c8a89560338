using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Rules;

namespace ReviewBot.CSharp;

/// <summary>
/// The C# analyzer: parses the changed <c>.cs</c> files, binds them in a compilation with the other files of their
/// project directory and the framework's reference assemblies, and runs every enabled rule in one walk per tree.
/// Nothing is built, restored or run.
/// </summary>
public sealed class CSharpAnalyzer : ILanguageAnalyzer
{
    private static readonly Lazy<IReadOnlyList<CSharpRule>> AllRules = new(() => RuleSet.Create());

    /// <summary>
    /// The longest expression (tokens without a <c>, ; { }</c>) handed to Roslyn. Hand-written C# stays far below it (a
    /// long fluent chain is a few hundred tokens); a run of thousands is a file built to exhaust the parser.
    /// </summary>
    public const int MaxTokensWithoutSeparator = 4000;

    public string Language => Engine.Findings.Languages.CSharp;

    public IReadOnlyList<RuleDescriptor> Rules { get; } = AllRules.Value.Select(r => r.Descriptor).ToList();

    public bool CanAnalyze(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    public AnalyzerOutput Analyze(IReadOnlyList<SourceFile> files, AnalysisContext context, CancellationToken cancellationToken)
    {
        var rules = AllRules.Value.Where(r => context.Rules.IsEnabled(r.Descriptor)).ToList();
        if (rules.Count == 0 || files.Count == 0) return AnalyzerOutput.Empty;

        var notices = new List<Notice>();
        var toAnalyze = new List<SourceFile>();
        foreach (var file in files)
        {
            if (GeneratedCode.IsGenerated(file.Path, file.Text))
            {
                notices.Add(new Notice(NoticeKind.Skipped, file.Path, "Generated code is not reviewed."));
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

        // Each file's project first, one at a time (evaluations are cached per review): it decides how the file parses.
        var layout = new ProjectLayout(context.Repository, context.Limits.MaxFileBytes);
        var projects = toAnalyze.Select(file => layout.ProjectOf(file.Path)).ToArray();
        AddReaderNotices(projects, notices);

        // Parse the changed files (in parallel); a file that does not parse gets a notice and is left out.
        var trees = new SyntaxTree?[toAnalyze.Count];
        var indexOf = toAnalyze.Select((file, i) => (file, i)).ToDictionary(x => x.file, x => x.i);
        var parsed = ParallelFileAnalysis.Run(
            toAnalyze,
            file =>
            {
                var index = indexOf[file];
                var (tree, error) = LargeStack.Run(() => ParseChanged(file.Path, file.Text, projects[index], cancellationToken));
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

        var budget = new ContextBudget(context.Limits.MaxContextFiles, context.Limits.MaxContextBytes);
        var changedPaths = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        var units = new List<(SourceFile File, SyntaxTree Tree, ProjectInfo Project, Compilation Compilation)>();
        var groups = toAnalyze.Select((file, i) => (File: file, Tree: trees[i], Project: projects[i]))
            .Where(x => x.Tree is not null)
            .GroupBy(x => x.Project);
        foreach (var group in groups)
        {
            var compilation = Compile(layout, group.Key, group.Select(x => x.Tree!).ToList(), changedPaths, budget, context.Limits, notices, cancellationToken);
            units.AddRange(group.Select(x => (x.File, x.Tree!, group.Key, compilation)));
        }

        var dispatch = Dispatch.Create(rules);
        var unitFiles = units.Select(u => u.File).ToList();
        var unitOf = units.ToDictionary(u => u.File);
        var analyzed = ParallelFileAnalysis.Run(
            unitFiles,
            file =>
            {
                var unit = unitOf[file];
                return LargeStack.Run(() => AnalyzeFile(unit.File, unit.Tree, unit.Project, unit.Compilation, dispatch, context, cancellationToken));
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

    /// <summary>
    /// The compilation a project's changed files are bound in: them, the project's other files as context (bounded by
    /// <paramref name="budget"/>), its global usings (all parsed with its language version and defines) and the
    /// framework's reference assemblies.
    /// </summary>
    internal static Compilation Compile(
        ProjectLayout layout, ProjectInfo project, IReadOnlyList<SyntaxTree> changedTrees, HashSet<string> changedPaths, ContextBudget budget, FileLimits limits,
        List<Notice> notices, CancellationToken cancellationToken)
    {
        var contextTrees = ReadContext(layout, project, changedPaths, budget, limits, notices, cancellationToken);
        var allTrees = changedTrees.Concat(contextTrees).ToList();
        if (ProjectLayout.GlobalUsingsSource(project) is { } globalUsings)
        {
            allTrees.Add(Parse(ProjectLayout.GlobalUsingsPath(project), globalUsings, project.ParseOptions, cancellationToken));
        }

        var kind = allTrees.Any(t => t.GetRoot(cancellationToken).ChildNodes().Any(n => n.IsKind(SyntaxKind.GlobalStatement)))
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        // Nullable analysis stays off whatever the project says: no rule reads its warnings, binding errors are the same
        // without it, and it cost a fifth of a review's time (Polly commits: 2.25 s with it, 1.75 s without).
        return CSharpCompilation.Create("Review", allTrees, ReferenceSet.References, ReferenceSet.Options(kind));
    }

    /// <summary>The static MSBuild reader's problems, once each, as notices of the review.</summary>
    private static void AddReaderNotices(IEnumerable<ProjectInfo> projects, List<Notice> notices)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var notice in projects.Distinct().SelectMany(p => p.Evaluation?.Notices ?? []))
        {
            if (seen.Add((notice.Path, notice.Message)))
            {
                notices.Add(new Notice(NoticeKind.Configuration, notice.Path, $"{notice.Message} (The C# project context was read without it.)"));
            }
        }
    }

    private static AnalyzerOutput AnalyzeFile(
        SourceFile source, SyntaxTree tree, ProjectInfo project, Compilation compilation, Dispatch dispatch, AnalysisContext context, CancellationToken cancellationToken)
    {
        var model = compilation.GetSemanticModel(tree);
        var file = new FileContext(source, tree, model, project, context, cancellationToken);
        dispatch.Walk(file);
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

    private static List<SyntaxTree> ReadContext(
        ProjectLayout layout, ProjectInfo project, HashSet<string> changedPaths, ContextBudget budget, FileLimits limits, List<Notice> notices, CancellationToken cancellationToken)
    {
        var texts = new List<(string Path, string Text)>();
        foreach (var path in layout.SourceFilesOf(project))
        {
            if (changedPaths.Contains(path)) continue;
            if (!budget.TryTakeFile())
            {
                notices.Add(new Notice(NoticeKind.LimitExceeded, null, $"The C# context of '{(project.Directory.Length == 0 ? "/" : project.Directory)}' was cut at {budget.MaxFiles} files; some symbols may not resolve, and rules that need them stay silent."));
                break;
            }

            var text = layout.ReadContextText(path, Math.Min(limits.MaxFileBytes, budget.RemainingBytes));
            if (text is null || NestingDepth.Scan(text) is var shape && (shape.Depth > limits.MaxNestingDepth || shape.LongestRun > MaxTokensWithoutSeparator)) continue;
            budget.TakeBytes(text.Length);
            texts.Add((path, text));
        }

        var trees = new SyntaxTree[texts.Count];
        // One large-stack thread per core, each parsing its share: context files come from the repository too.
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, texts.Count));
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk => LargeStack.Run(() =>
        {
            for (var i = chunk; i < texts.Count; i += chunks) trees[i] = Parse(texts[i].Path, texts[i].Text, project.ParseOptions, cancellationToken);
            return chunk;
        }));
        return [.. trees];
    }

    /// <summary>The bound on context files and bytes for one review.</summary>
    internal sealed class ContextBudget(int maxFiles, long maxBytes)
    {
        private int _files;
        private long _bytes;

        public int MaxFiles => maxFiles;

        public long RemainingBytes => Math.Max(0, maxBytes - _bytes);

        public bool TryTakeFile()
        {
            if (_files >= maxFiles || _bytes >= maxBytes) return false;
            _files++;
            return true;
        }

        public void TakeBytes(long bytes) => _bytes += bytes;
    }
}
