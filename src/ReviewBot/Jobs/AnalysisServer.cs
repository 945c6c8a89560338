using System.Collections.Concurrent;
using System.Text.Json;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;
using ReviewBot.Git;

namespace ReviewBot.Jobs;

/// <summary>
/// The analysis process's side (<c>reviewbot analysis-worker</c>, started by <see cref="AnalysisProcess"/>): reads
/// requests from standard input, one JSON object a line, reviews each on a thread of its own, and writes each reply as
/// one line to standard output. It ends when its input ends, that is when the App closes it or dies.
/// </summary>
internal static class AnalysisServer
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output, AnalyzerRegistry registry)
    {
        var running = new ConcurrentDictionary<long, CancellationTokenSource>();
        // Compiled before the first pull request needs it, beside any request that arrives meanwhile.
        var reviews = new List<Task> { Task.Factory.StartNew(() => WarmUp(registry), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default) };
        var writing = new object();
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            var request = JsonSerializer.Deserialize(line, AnalysisJson.Default.AnalysisRequest)
                ?? throw new InvalidDataException("An analysis request was JSON null.");
            if (request.Cancel)
            {
                if (running.TryGetValue(request.Id, out var cancel)) cancel.Cancel();
                continue;
            }

            var cancellation = new CancellationTokenSource();
            running[request.Id] = cancellation;
            reviews.Add(Task.Factory.StartNew(
                () =>
                {
                    var reply = Answer(registry, request, cancellation.Token);
                    running.TryRemove(request.Id, out _);
                    cancellation.Dispose();
                    var json = JsonSerializer.Serialize(reply, AnalysisJson.Default.AnalysisReply);
                    lock (writing)
                    {
                        output.WriteLine(json);
                        output.Flush();
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default));
            reviews.RemoveAll(r => r.IsCompleted);
        }

        // The App is gone or closed the pipe: nobody will read a reply.
        foreach (var cancellation in running.Values) cancellation.Cancel();
        await Task.WhenAll(reviews).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Reviews a small C# and Python change in memory, so that the analysis is compiled (JIT) before the first pull
    /// request: measured, a fresh process's first review took seconds longer than the next. Only time is at stake.
    /// </summary>
    /// <returns>The warm-up change's findings; -1 when the warm-up failed.</returns>
    internal static int WarmUp(AnalyzerRegistry registry)
    {
        try
        {
            var files = WarmUpFiles.Select(f => new ChangedFile(
                UnifiedDiffParser.Parse($"diff --git a/{f.Path} b/{f.Path}\nnew file mode 100644\n--- /dev/null\n+++ b/{f.Path}\n@@ -0,0 +1,{f.Text.Split('\n').Length - 1} @@\n"
                    + string.Concat(f.Text.Split('\n')[..^1].Select(line => "+" + line + "\n")))[0],
                f.Text)).ToList();
            return new ReviewEngine(registry).Review(new ReviewInput(files), CancellationToken.None).Findings.Count;
        }
#pragma warning disable CA1031 // A warm-up that fails changes nothing but the first review's time.
        catch (Exception)
#pragma warning restore CA1031
        {
            return -1;
        }
    }

    private static readonly (string Path, string Text)[] WarmUpFiles =
    [
        ("src/WarmUp.cs", "using System.Text;\n\nnamespace WarmUp;\n\npublic class Widget\n{\n    public int get_value(int x)\n    {\n        if (x > 1) { return x; }\n        return 0;\n    }\n}\n"),
        ("tools/warm_up.py", "import os\n\n\ndef GetValue(x):\n    unused = 1\n    if x > 1:\n        return x\n    return 0\n"),
    ];

    private static AnalysisReply Answer(AnalyzerRegistry registry, AnalysisRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var revisions = GitRevisions.OpenCached(request.RepositoryPath, request.BaseSha, request.HeadSha);
            var orchestrator = new ReviewOrchestrator(registry);
            var config = orchestrator.LoadConfig(ConfigOf(request, revisions));
            var timings = new ReviewTimings();
            var result = orchestrator.Review(revisions, config, cancellationToken, timings: timings).Result;
            return new AnalysisReply
            {
                Id = request.Id,
                Findings = result.Findings,
                Notices = result.Notices,
                AnalyzedFileCount = result.AnalyzedFileCount,
                DiffSeconds = ReviewTelemetry.DiffSeconds(timings),
                AnalyzerSeconds = ReviewTelemetry.AnalyzerSeconds(timings),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new AnalysisReply { Id = request.Id, Cancelled = true };
        }
#pragma warning disable CA1031 // Every failure is the review's, and goes back to the App as its job's failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new AnalysisReply { Id = request.Id, Error = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    private static IConfigSource ConfigOf(AnalysisRequest request, GitRevisions revisions) => request.Config switch
    {
        ConfigSource.BaseCommit => revisions.BaseConfig,
        ConfigSource.Text when request.ConfigText is { } text => new TextConfigSource(text, request.ConfigSize),
        _ => NoConfigSource.Instance,
    };
}
