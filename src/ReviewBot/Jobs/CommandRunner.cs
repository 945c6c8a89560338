using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;

namespace ReviewBot.Jobs;

/// <summary>
/// Answers one queued <c>/reviewbot</c> command: checks that its author may run commands (the comment's association,
/// else the collaborator permission API), then for <c>rerun</c> learns the pull request's current head and queues its
/// review (reacting with eyes), and for <c>help</c> or an unknown command replies with the help. A person who may not
/// run commands gets one reply saying who may, a confused reaction, and nothing is queued.
/// </summary>
internal sealed partial class CommandRunner
{
    private readonly IReviewQueue _jobs;
    private readonly IJobNotifier _notifier;
    private readonly IPullRequestConversation _conversation;
    private readonly ILogger<CommandRunner> _logger;

    public CommandRunner(IReviewQueue jobs, IJobNotifier notifier, IPullRequestConversation conversation, ILogger<CommandRunner> logger)
    {
        _jobs = jobs;
        _notifier = notifier;
        _conversation = conversation;
        _logger = logger;
    }

    public static PublishTarget TargetOf(CommandRequest request) =>
        new(request.InstallationId, request.Owner, request.Name, request.PullNumber, "");

    /// <summary>Answers the command; returns the state it ends in (<see cref="JobState.Completed"/> or <see cref="JobState.Refused"/>).</summary>
    public async Task<JobState> RunAsync(CommandJob job, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var target = TargetOf(request);
        if (!await MayRunAsync(request, target, cancellationToken).ConfigureAwait(false))
        {
            LogRefused(_logger, request.Owner, request.Name, request.PullNumber, request.Author, request.Command);
            await _conversation.ReplyOnceAsync(target, request.CommentId, CommandReplies.Refused(request.Author), cancellationToken).ConfigureAwait(false);
            await _conversation.ReactAsync(target, request.CommentId, Reaction.Confused, cancellationToken).ConfigureAwait(false);
            return JobState.Refused;
        }

        if (request.Command != SlashCommands.Rerun)
        {
            var unknown = request.Command == SlashCommands.Help ? null : request.Command;
            await _conversation.ReplyOnceAsync(target, request.CommentId, CommandReplies.Help(unknown), cancellationToken).ConfigureAwait(false);
            return JobState.Completed;
        }

        var pull = await _conversation.GetPullRequestAsync(target, cancellationToken).ConfigureAwait(false);
        if (pull.IsClosed)
        {
            await _conversation.ReplyOnceAsync(target, request.CommentId, CommandReplies.Closed, cancellationToken)
                .ConfigureAwait(false);
            await _conversation.ReactAsync(target, request.CommentId, Reaction.Confused, cancellationToken).ConfigureAwait(false);
            return JobState.Completed;
        }

        // Eyes first: a retried attempt adds the same reaction again (GitHub answers 200) and never queues twice.
        await _conversation.ReactAsync(target, request.CommentId, Reaction.Eyes, cancellationToken).ConfigureAwait(false);
        var review = new ReviewRequest(
            request.InstallationId,
            request.RepositoryId,
            request.Owner,
            request.Name,
            request.PullNumber,
            pull.HeadSha,
            pull.BaseRef,
            request.CloneUrl,
            request.DefaultBranch,
            "issue_comment.rerun",
            Draft: false, // asked for explicitly: a draft is reviewed too
            CommentId: request.CommentId,
            UpdatedAt: pull.UpdatedAt,
            Delivery: request.Delivery,
            // The command's span: the review continues the trace of the comment's delivery.
            TraceParent: Activity.Current?.Id ?? request.TraceParent);
        var result = await _jobs.EnqueueAsync(review, CancellationToken.None).ConfigureAwait(false);
        _notifier.NotifyCancelled(result.Superseded);
        if (result.Outcome == DeliveryOutcome.Queued) _notifier.NotifyQueued();
        LogQueued(_logger, request.Owner, request.Name, request.PullNumber, pull.HeadSha, request.Author, result.Outcome);
        return JobState.Completed;
    }

    private async Task<bool> MayRunAsync(CommandRequest request, PublishTarget target, CancellationToken cancellationToken)
    {
        if (SlashCommands.TrustedAssociations.Contains(request.AuthorAssociation)) return true;
        if (string.IsNullOrEmpty(request.Author)) return false;
        var permission = await _conversation.PermissionOfAsync(target, request.Author, cancellationToken).ConfigureAwait(false);
        return SlashCommands.WritePermissions.Contains(permission);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: {Author} may not run /reviewbot {Command}; replied")]
    private static partial void LogRefused(ILogger logger, string owner, string name, int number, string author, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: review of {HeadSha} asked for by {Author}: {Outcome}")]
    private static partial void LogQueued(ILogger logger, string owner, string name, int number, string headSha, string author, DeliveryOutcome outcome);
}
