using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Filtering;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Review;

/// <summary>
/// The analysis, filter and fingerprint stages of the pipeline: which changed files to analyze (within limits),
/// which analyzer takes each, then severity, suppressions, fingerprints and diff marks on what they found.
/// </summary>
public sealed class ReviewEngine(AnalyzerRegistry registry)
{
    /// <summary>The stage of <see cref="ReviewTimings"/> that the analyzers' work runs in.</summary>
    public const string AnalysisStage = "analysis";

    public AnalyzerRegistry Registry { get; } = registry;

    public ReviewResult Review(ReviewInput input, CancellationToken cancellationToken = default)
    {
        var config = input.Config;
        var limits = input.Limits;
        var notices = new List<Notice>(input.Notices);
        var batches = new Dictionary<ILanguageAnalyzer, List<SourceFile>>();
        var analyzedCount = 0;
        var timings = input.Timings;

        var selecting = timings?.Stage("select files within limits");
        foreach (var file in input.Files)
        {
            if (Selectable(file, notices, config) is not { } text) continue;
            if (Registry.For(file.Path) is not { } analyzer) continue;
            if (analyzedCount == limits.MaxFiles)
            {
                notices.Add(new Notice(NoticeKind.LimitExceeded, file.Path,
                    $"The change has more reviewable files than the limit of {limits.MaxFiles}; this file and the ones after it were not analyzed."));
                break;
            }

            if (WithinLimits(file, text, limits, notices) is not { } source) continue;
            analyzedCount++;
            if (!batches.TryGetValue(analyzer, out var batch)) batches[analyzer] = batch = [];
            batch.Add(source);
        }

        selecting?.Dispose();

        var context = new AnalysisContext
        {
            Rules = config.ToRuleSettings(),
            Thresholds = config.Thresholds,
            Limits = limits,
            Repository = input.Repository,
            Binding = input.Binding,
            Timings = timings,
        };

        List<AnalyzerOutput> outputs;
        using (timings?.Stage(AnalysisStage)) outputs = RunAnalyzers(batches, context, limits, cancellationToken);
        notices.AddRange(outputs.SelectMany(o => o.Notices));

        var filtering = timings?.Stage("filter: suppressions, severities, fingerprints, diff");

        var sources = batches.Values.SelectMany(b => b).ToDictionary(s => s.Path, StringComparer.Ordinal);
        var rules = context.Rules;
        var findings = outputs.SelectMany(o => o.Findings)
            .Where(f => Registry.Catalog.Find(f.RuleId) is not { } rule || rules.IsEnabled(rule))
            .Where(f => !sources.TryGetValue(f.Path, out var s) || !InlineSuppressions.IsSuppressed(f, s.Lines))
            .Select(f => Registry.Catalog.Find(f.RuleId) is { } rule ? f with { Severity = rules.SeverityOf(rule, f.Severity) } : f)
            .Order(Finding.StableOrder)
            .ToList();

        var fingerprinted = Fingerprints.Assign(findings, path => sources.TryGetValue(path, out var s) ? s.Lines : null);
        var filesByPath = input.Files.Where(f => f.Status != ChangeStatus.Deleted).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var marked = DiffFilter.Mark(fingerprinted, filesByPath);
        filtering?.Dispose();

        return new ReviewResult
        {
            Findings = marked,
            Notices = notices.OrderBy(n => n.Path ?? "", StringComparer.Ordinal).ThenBy(n => n.Line ?? 0).ToList(),
            Files = input.Files,
            Catalog = Registry.Catalog,
            Config = config,
            AnalyzedFileCount = analyzedCount,
        };
    }

    // Decides whether a changed file is reviewable at all; returns its text or null, with a notice when the user
    // would otherwise wonder why a file they changed got no review.
    private string? Selectable(ChangedFile file, List<Notice> notices, Config.ReviewConfig config)
    {
        if (file.Status == ChangeStatus.Deleted)
        {
            if (Registry.For(file.Path) is not null) notices.Add(new Notice(NoticeKind.Skipped, file.Path, "Deleted; nothing to review."));
            return null;
        }

        if (file.IsSubmodule)
        {
            notices.Add(new Notice(NoticeKind.Skipped, file.Path, "A submodule; its contents are not reviewed."));
            return null;
        }

        if (config.IsExcluded(file.Path)) return null;
        if (file.IsSymbolicLink)
        {
            // Its blob is the target's path; following it could read any file of the machine that runs the review.
            if (Registry.For(file.Path) is not null) notices.Add(new Notice(NoticeKind.Skipped, file.Path, "A symbolic link; its target is not followed or reviewed."));
            return null;
        }

        if (file.IsBinary)
        {
            if (Registry.For(file.Path) is not null) notices.Add(new Notice(NoticeKind.Skipped, file.Path, "Binary content; not reviewed."));
            return null;
        }

        return file.Text;
    }

    private static SourceFile? WithinLimits(ChangedFile file, string text, FileLimits limits, List<Notice> notices)
    {
        var size = Math.Max(file.SizeBytes, text.Length);
        if (size > limits.MaxFileBytes)
        {
            notices.Add(new Notice(NoticeKind.LimitExceeded, file.Path,
                $"The file is {size:N0} bytes, over the limit of {limits.MaxFileBytes:N0}; it was not analyzed."));
            return null;
        }

        var source = new SourceFile(file.Path, text);
        var longest = source.Lines.LongestLine();
        if (longest > limits.MaxLineLength)
        {
            notices.Add(new Notice(NoticeKind.LimitExceeded, file.Path,
                $"The file has a line of {longest:N0} characters, over the limit of {limits.MaxLineLength:N0} (minified or generated code?); it was not analyzed."));
            return null;
        }

        return source;
    }

    private static List<AnalyzerOutput> RunAnalyzers(
        Dictionary<ILanguageAnalyzer, List<SourceFile>> batches, AnalysisContext context, FileLimits limits, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.AnalysisTimeout);
        // On the caller's scheduler: the App runs reviews on threads of their own, which analysis must not leave.
        var tasks = batches.Select(pair => Task.Factory.StartNew(
            () => RunOne(pair.Key, pair.Value, context, timeout.Token, cancellationToken), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current)).ToArray();
        Task.WaitAll(tasks, CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return tasks.Select(t => t.Result).ToList();
    }

    private static AnalyzerOutput RunOne(
        ILanguageAnalyzer analyzer, List<SourceFile> files, AnalysisContext context, CancellationToken timeout, CancellationToken caller)
    {
        using var timing = context.Timings?.Analyzer(analyzer.Language);
        try
        {
            return analyzer.Analyze(files, context, timeout);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return new AnalyzerOutput([], files.Select(f => new Notice(NoticeKind.LimitExceeded, f.Path,
                "The analysis of this file's batch ran past the time limit; it was abandoned.")).ToList());
        }
#pragma warning disable CA1031 // An analyzer defect must cost its files, not the review.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new AnalyzerOutput([], files.Select(f => new Notice(NoticeKind.AnalyzerFailure, f.Path,
                $"The {analyzer.Language} analyzer failed ({exception.GetType().Name}); this file was not analyzed.")).ToList());
        }
    }
}
