using Octokit;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using Reaction = ReviewBot.Engine.Publishing.Reaction;

namespace ReviewBot.GitHub;

/// <summary>The pull request's conversation on GitHub: reactions, replies said once, collaborator permissions, the pull request's state.</summary>
internal sealed class PullRequestConversation(IGitHubClientSource clients) : IPullRequestConversation
{
    /// <summary>Adds <paramref name="reaction"/> to comment <paramref name="commentId"/> (GitHub answers 200 when it is there already).</summary>
    public async Task ReactAsync(PublishTarget target, long commentId, Reaction reaction, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var type = reaction switch
        {
            Reaction.Rocket => ReactionType.Rocket,
            Reaction.Eyes => ReactionType.Eyes,
            _ => ReactionType.Confused,
        };
        await client.Reaction.IssueComment.Create(target.Owner, target.Name, commentId, new NewReaction(type)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replies to comment <paramref name="commentId"/> on the pull request's conversation, once: the reply carries a
    /// hidden marker naming the comment, and a reply found with it (a retried attempt) is not posted again.
    /// </summary>
    public async Task ReplyOnceAsync(PublishTarget target, long commentId, string body, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var marker = ConversationBodies.ReplyMarker(commentId);
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.Number).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (comments.Any(c => c.User?.Type == AccountType.Bot && c.Body?.Contains(marker, StringComparison.Ordinal) == true)) return;
        cancellationToken.ThrowIfCancellationRequested();
        await client.Issue.Comment.Create(target.Owner, target.Name, target.Number, ConversationBodies.Reply(commentId, body))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The person's permission on the repository (the collaborator permission API): <c>admin</c>, <c>maintain</c>,
    /// <c>write</c>, <c>triage</c>, <c>read</c> or <c>none</c> (also for someone GitHub does not know as a collaborator).
    /// </summary>
    public async Task<string> PermissionOfAsync(PublishTarget target, string login, CancellationToken cancellationToken)
    {
        var connection = new ApiConnection(clients.ForInstallation(target.InstallationId).Connection);
        try
        {
            var answer = await connection.Get<CollaboratorPermission>(
                    new Uri($"repos/{Uri.EscapeDataString(target.Owner)}/{Uri.EscapeDataString(target.Name)}/collaborators/{Uri.EscapeDataString(login)}/permission", UriKind.Relative))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            // role_name carries "maintain" (and custom roles); permission maps maintain to write.
            var role = answer.RoleName?.ToLowerInvariant();
            return role is "admin" or "maintain" or "write" ? role : answer.Permission?.ToLowerInvariant() ?? "none";
        }
        catch (NotFoundException)
        {
            return "none";
        }
    }

    /// <summary>The pull request as GitHub has it now (its head and base, its state).</summary>
    public async Task<PullRequestState> GetPullRequestAsync(PublishTarget target, CancellationToken cancellationToken)
    {
        var pull = await clients.ForInstallation(target.InstallationId).PullRequest.Get(target.Owner, target.Name, target.Number)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return new PullRequestState(pull.Head.Sha, pull.Base.Ref, pull.State.Value == ItemState.Closed, pull.UpdatedAt);
    }
}

/// <summary>The body of <c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c> that we read.</summary>
internal sealed class CollaboratorPermission
{
    public string? Permission { get; set; }

    public string? RoleName { get; set; }
}
