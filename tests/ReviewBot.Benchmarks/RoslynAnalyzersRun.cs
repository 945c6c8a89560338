using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ReviewBot.Cli;
using ReviewBot.CSharp;
using ReviewBot.CSharp.Analysis;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;
using ReviewBot.Git;

namespace ReviewBot.Benchmarks;

/// <summary>
/// The reference for <c>bench-cli.sh</c>'s C# figure: Roslyn's own analyzers (Microsoft.CodeAnalysis.NetAnalyzers and
/// the IDE code-style rules of Microsoft.CodeAnalysis.CSharp.CodeStyle) over the same changed files ReviewBot reviews,
/// bound in the very compilations ReviewBot binds them in (its project model, context files, referenced projects and
/// packages, read from the commit in git's object database: nothing is built or run). The rules the evaluation's
/// oracle raises to warnings (eval/README.md) are raised here too, so every category ReviewBot covers has its
/// counterpart running. Run as its own process, so that its start-up counts as ReviewBot's does:
/// <c>ReviewBot.Benchmarks roslyn-analyzers [--whole-project] [--without ID,ID] REPO REF ANALYZERS_DIR FILE...</c>,
/// FILE the changed <c>.cs</c> files. Each changed file is analyzed on its own, as an editor asks (its syntax and
/// semantic diagnostics, the compiler's included); <c>--whole-project</c> analyzes every file of the project at once,
/// as a build does, and keeps what falls in the changed files; <c>--without</c> leaves rules at their default severity.
/// </summary>
public static class RoslynAnalyzersRun
{
    // The evaluation oracle's raised rules (eval/README.md), the counterparts of ReviewBot's categories.
    private static readonly string[] Raised =
    [
        "CS8019", "IDE0005", "IDE0051", "IDE0052", "IDE0059", "IDE0060", "CS0168", "CS0219", "IDE1006", "CS1591",
        "CA1502", "CA2100", "CA3075", "CA5350", "CA5351", "CA5394", "CA2300", "CA5369",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var wholeProject = false;
        var skipped = Array.Empty<string>();
        while (args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal))
        {
            switch (args[0])
            {
                case "--whole-project": wholeProject = true; break;
                case "--without" when args.Length > 1: skipped = args[1].Split(','); args = args[1..]; break;
                default: return await UsageAsync();
            }

            args = args[1..];
        }

        if (args.Length < 4) return await UsageAsync();

        var clock = Stopwatch.StartNew();
        var analyzers = LoadAnalyzers(args[2]);
        using var repository = LocalRepository.Open(args[0]);
        var (snapshot, _) = repository.Snapshot(args[1], "REF");
        var changed = args[3..];
        var limits = FileLimits.Default;
        var notices = new List<Notice>();

        // ReviewBot's own project model, so that both sides bind the same files against the same references.
        var layout = new ProjectLayout(snapshot, limits.MaxFileBytes);
        var trees = changed.ToDictionary(path => path, path =>
        {
            var text = snapshot.ReadText(path, limits.MaxFileBytes) ?? "";
            return CSharpAnalyzer.ParseChanged(path, text, layout.ProjectOf(path), CancellationToken.None).Tree;
        });
        var byProject = changed.GroupBy(layout.ProjectOf).ToDictionary(g => g.Key, g => (IReadOnlyList<SyntaxTree>)g.Select(p => trees[p]).ToList());
        var compilations = new ProjectCompilations(
            layout, byProject, [.. changed], limits, notices, CancellationToken.None, Analyzers.Packages(offline: true));
        var raised = Raised.Except(skipped).ToDictionary(id => id, _ => ReportDiagnostic.Warn);

        var diagnostics = new List<Diagnostic>();
        foreach (var (project, projectTrees) in byProject)
        {
            var compilation = compilations.For(project);
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(raised));
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
            if (wholeProject)
            {
                // Every file of the project, as a build runs the analyzers; what falls in the changed files is kept.
                diagnostics.AddRange(compilation.GetDiagnostics().Where(d => projectTrees.Contains(d.Location.SourceTree)));
                diagnostics.AddRange((await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None)).Where(d => projectTrees.Contains(d.Location.SourceTree)));
                continue;
            }

            var perFile = await Task.WhenAll(projectTrees.Select(tree => Task.Run(async () =>
            {
                var model = compilation.GetSemanticModel(tree);
                var found = new List<Diagnostic>(model.GetDiagnostics());
                found.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None));
                found.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None));
                return found;
            })));
            diagnostics.AddRange(perFile.SelectMany(d => d));
        }

        var shown = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Info).ToList();
        Console.WriteLine($"roslyn-analyzers: {analyzers.Length} analyzers, {changed.Length} files, {shown.Count} diagnostics (info and above) in {clock.Elapsed.TotalSeconds:0.000} s");
        foreach (var group in shown.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(12)) Console.WriteLine($"  {group.Key} {group.Count()}");
        return 0;
    }

    private static async Task<int> UsageAsync()
    {
        await Console.Error.WriteLineAsync("usage: ReviewBot.Benchmarks roslyn-analyzers [--whole-project] [--without ID,ID] REPO REF ANALYZERS_DIR FILE...");
        return 2;
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string folder)
    {
        var loader = new FolderLoader();
        return [.. Directory.EnumerateFiles(folder, "*.dll")
            .Select(path => new AnalyzerFileReference(path, loader))
            .SelectMany(reference => reference.GetAnalyzers(LanguageNames.CSharp))];
    }

    private sealed class FolderLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
