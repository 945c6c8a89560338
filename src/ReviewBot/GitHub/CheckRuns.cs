using Microsoft.Extensions.Logging;
using Octokit;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using OctokitConclusion = Octokit.CheckConclusion;
using OutputConclusion = ReviewBot.Engine.Reporting.CheckConclusion;

namespace ReviewBot.GitHub;

/// <summary>
/// ReviewBot's check run on a head: found or created in progress, then completed once with its output, the annotations
/// sent in batches of GitHub's limit.
/// </summary>
internal sealed partial class CheckRuns(IGitHubClientSource clients, TimeProvider time, ILogger<CheckRuns> logger)
{
    public const string CheckRunName = "ReviewBot";

    /// <summary>ReviewBot's in-progress check run on the head, if there is one (left by a process that died before recording it).</summary>
    public async Task<long?> FindOpenAsync(PublishTarget target, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var existing = await client.Check.Run.GetAllForReference(
                target.Owner, target.Name, target.HeadSha, new CheckRunRequest { CheckName = CheckRunName, Status = CheckStatusFilter.InProgress })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return existing.CheckRuns.FirstOrDefault(r =>
            r.Status.Value == CheckStatus.InProgress && (r.App is null || clients.AppId is null || r.App.Id == clients.AppId))?.Id;
    }

    /// <summary>
    /// Returns the check run to report on: <paramref name="known"/> when an earlier attempt created one, else an
    /// in-progress ReviewBot run on the head (left by a process that died before recording it), else a new one.
    /// </summary>
    public async Task<long> StartAsync(PublishTarget target, long? known, CancellationToken cancellationToken)
    {
        if (known is { } id) return id;
        if (await FindOpenAsync(target, cancellationToken).ConfigureAwait(false) is { } open) return open;

        cancellationToken.ThrowIfCancellationRequested();
        var client = clients.ForInstallation(target.InstallationId);
        // Once asked for, the run is waited for even if the caller is cancelled meanwhile: GitHub creates it either way,
        // and a caller that never learns its id cannot conclude it (the client's total timeout bounds the wait).
        var run = await client.Check.Run.Create(target.Owner, target.Name, new NewCheckRun(CheckRunName, target.HeadSha)
        {
            Status = CheckStatus.InProgress,
            StartedAt = time.GetUtcNow(),
            Output = new NewCheckRunOutput(CheckRunOutput.InProgressTitle, CheckRunOutput.InProgressSummary),
        }).ConfigureAwait(false);
        LogCheckRunStarted(logger, target.Owner, target.Name, target.Number, run.Id);
        return run.Id;
    }

    /// <summary>Completes the run with <paramref name="output"/>: its annotations in batches, the conclusion with the last.</summary>
    public async Task CompleteAsync(PublishTarget target, long checkRunId, CheckRunOutput output, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var batches = output.Annotations.Select(Annotation).Chunk(GitHubLimits.MaxAnnotationsPerRequest).ToList();
        if (batches.Count == 0) batches.Add([]);
        for (var i = 0; i < batches.Count; i++)
        {
            var update = new CheckRunUpdate
            {
                Output = new NewCheckRunOutput(output.Title, output.Summary) { Annotations = batches[i] },
            };
            if (i == batches.Count - 1)
            {
                update.Status = CheckStatus.Completed;
                update.Conclusion = Conclusion(output.Conclusion);
                update.CompletedAt = time.GetUtcNow();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await client.Check.Run.Update(target.Owner, target.Name, checkRunId, update).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Concludes a run with an output of no annotations in one request.</summary>
    public async Task ConcludeAsync(PublishTarget target, long checkRunId, CheckRunOutput output, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        await client.Check.Run.Update(target.Owner, target.Name, checkRunId, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = Conclusion(output.Conclusion),
            CompletedAt = time.GetUtcNow(),
            Output = new NewCheckRunOutput(output.Title, output.Summary),
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static OctokitConclusion Conclusion(OutputConclusion conclusion) => conclusion switch
    {
        OutputConclusion.Failure => OctokitConclusion.Failure,
        OutputConclusion.Neutral => OctokitConclusion.Neutral,
        OutputConclusion.Cancelled => OctokitConclusion.Cancelled,
        _ => OctokitConclusion.Success,
    };

    private static NewCheckRunAnnotation Annotation(CheckAnnotation annotation) =>
        new(annotation.Path, annotation.StartLine, annotation.EndLine, annotation.Level switch
        {
            AnnotationLevel.Failure => CheckAnnotationLevel.Failure,
            AnnotationLevel.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        }, annotation.Message)
        {
            Title = annotation.Title,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: check run {CheckRunId} in progress")]
    private static partial void LogCheckRunStarted(ILogger logger, string owner, string name, int number, long checkRunId);
}
