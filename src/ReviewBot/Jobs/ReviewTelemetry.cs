using System.Diagnostics;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Git;
using ReviewBot.Telemetry;

namespace ReviewBot.Jobs;

/// <summary>
/// A review job's figures and spans: <c>reviewbot.review.stage.duration</c> for fetch, diff, analyze (per language) and
/// publish, the findings a published review holds by category, and a span per stage under the job's.
/// </summary>
internal static class ReviewTelemetry
{
    public const string Fetch = "fetch";
    public const string Diff = "diff";
    public const string Analyze = "analyze";
    public const string Publish = "publish";

    /// <summary>
    /// Starts the span of a job or command (<paramref name="operation"/>): a child of the delivery's span when the
    /// request carries its trace (<see cref="ReviewRequest.TraceParent"/>), stored with the job across the queue.
    /// </summary>
    public static Activity? StartJob(string operation, string? traceParent, string? delivery, string owner, string name, int pullNumber, long id)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var stored) ? stored : default;
        var span = ReviewBotTelemetry.Activities.StartActivity(operation, ActivityKind.Consumer, parent);
        if (span is null) return null;
        span.SetTag(ReviewBotTelemetry.Attributes.Delivery, delivery);
        span.SetTag(ReviewBotTelemetry.Attributes.Repository, owner + "/" + name);
        span.SetTag(ReviewBotTelemetry.Attributes.PullRequest, pullNumber);
        span.SetTag(ReviewBotTelemetry.Attributes.Job, id);
        return span;
    }

    /// <summary>Records how a review attempt ended (<c>completed</c>, <c>superseded</c>, <c>failed</c>, <c>requeued</c>) and how long it took.</summary>
    public static void RecordAttempt(long startedAt, string outcome, Activity? span)
    {
        ReviewBotTelemetry.ReviewDuration.Record(
            Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.Outcome, outcome));
        span?.SetTag(ReviewBotTelemetry.Attributes.Outcome, outcome);
        if (outcome == "failed") span?.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>Starts the span of <paramref name="stage"/>, a child of the current job's.</summary>
    public static Activity? StartStage(string stage) => ReviewBotTelemetry.Activities.StartActivity("review " + stage);

    /// <summary>
    /// Runs <paramref name="stage"/> under its span and records its duration once it completes (one that failed is the
    /// attempt's outcome, not a stage's figure).
    /// </summary>
    public static async Task<T> RunStageAsync<T>(string stage, Func<Task<T>> work)
    {
        using var span = StartStage(stage);
        var started = Stopwatch.GetTimestamp();
        var result = await work().ConfigureAwait(false);
        Record(stage, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    public static Task RunStageAsync(string stage, Func<Task> work) => RunStageAsync(stage, async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    /// <summary>Records a stage's duration, measured by the caller (or, for diff and analyze, by <see cref="ReviewTimings"/>).</summary>
    public static void Record(string stage, double seconds, string? language = null)
    {
        var tags = new TagList { { ReviewBotTelemetry.Attributes.Stage, stage } };
        if (language is not null) tags.Add(ReviewBotTelemetry.Attributes.Language, language);
        ReviewBotTelemetry.StageDuration.Record(seconds, tags);
    }

    /// <summary>The diff's and the analyzers' figures of a review timed by <paramref name="timings"/>.</summary>
    public static void RecordAnalysis(ReviewTimings timings) => RecordAnalysis(DiffSeconds(timings), AnalyzerSeconds(timings));

    public static void RecordAnalysis(double diffSeconds, IReadOnlyDictionary<string, double> analyzerSeconds)
    {
        Record(Diff, diffSeconds);
        foreach (var (language, seconds) in analyzerSeconds) Record(Analyze, seconds, language);
    }

    /// <summary>Reading the change from git: the stages of <see cref="GitChangeReader"/>.</summary>
    public static double DiffSeconds(ReviewTimings timings) =>
        timings.Stages.Where(stage => stage.Name.StartsWith(GitChangeReader.StagePrefix, StringComparison.Ordinal)).Sum(stage => stage.Elapsed.TotalSeconds);

    public static Dictionary<string, double> AnalyzerSeconds(ReviewTimings timings) =>
        timings.Analyzers.ToDictionary(analyzer => analyzer.Language, analyzer => analyzer.Elapsed.TotalSeconds, StringComparer.Ordinal);

    /// <summary>Counts the findings of a published review by category and language.</summary>
    public static void RecordFindings(ReviewResult result)
    {
        foreach (var group in result.Findings.GroupBy(finding => (finding.Category, Language: result.Catalog.Find(finding.RuleId)?.Language ?? "other")))
        {
            ReviewBotTelemetry.Findings.Add(
                group.Count(),
                new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.Category, group.Key.Category.Id()),
                new KeyValuePair<string, object?>(ReviewBotTelemetry.Attributes.Language, group.Key.Language));
        }
    }
}
