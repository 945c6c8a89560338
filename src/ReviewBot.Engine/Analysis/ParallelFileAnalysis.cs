using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Runs a per-file analysis over many files on all cores. A file whose analysis throws becomes a notice; the other
/// files are unaffected. Results come back in the files' order, so reports stay stable.
/// </summary>
public static class ParallelFileAnalysis
{
    public static AnalyzerOutput Run(
        IReadOnlyList<SourceFile> files, Func<SourceFile, AnalyzerOutput> analyzeFile, CancellationToken cancellationToken)
    {
        var results = new AnalyzerOutput[files.Count];
        // On the caller's scheduler (Parallel's default is the thread pool): the App runs reviews on threads of their own.
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount, TaskScheduler = TaskScheduler.Current };
        Parallel.For(0, files.Count, options, i => results[i] = Guarded(files[i], analyzeFile, cancellationToken));
        return Concat(results);
    }

    /// <summary>Analyzes one file, turning a crash or a stack overflow guard into a notice.</summary>
    public static AnalyzerOutput Guarded(SourceFile file, Func<SourceFile, AnalyzerOutput> analyzeFile, CancellationToken cancellationToken)
    {
        try
        {
            return analyzeFile(file);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            return new AnalyzerOutput([], [new Notice(NoticeKind.LimitExceeded, file.Path, "The file is nested too deeply to analyze; it was skipped.")]);
        }
#pragma warning disable CA1031 // One file's failure must not end the review of the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new AnalyzerOutput([], [new Notice(NoticeKind.AnalyzerFailure, file.Path, $"The analyzer failed on this file ({exception.GetType().Name}); it was skipped.")]);
        }
    }

    public static AnalyzerOutput Concat(IEnumerable<AnalyzerOutput> outputs)
    {
        var findings = new List<Finding>();
        var notices = new List<Notice>();
        foreach (var output in outputs)
        {
            findings.AddRange(output.Findings);
            notices.AddRange(output.Notices);
        }

        return new AnalyzerOutput(findings, notices);
    }
}
