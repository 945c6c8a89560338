namespace ReviewBot.Engine.Publishing;

/// <summary>A reaction ReviewBot leaves on a command's comment.</summary>
public enum Reaction
{
    /// <summary>Seen: the review is queued.</summary>
    Eyes,

    /// <summary>Done: the review asked for is published.</summary>
    Rocket,

    /// <summary>Refused, or failed.</summary>
    Confused,
}

/// <summary>A pull request as its host has it now.</summary>
public sealed record PullRequestState(string HeadSha, string BaseRef, bool IsClosed, DateTimeOffset UpdatedAt);

/// <summary>
/// The pull request's conversation, as the <c>/reviewbot</c> commands use it: reactions, replies said once, the
/// permission of the person who asked, the pull request's current state.
/// </summary>
public interface IPullRequestConversation
{
    /// <summary>Adds <paramref name="reaction"/> to comment <paramref name="commentId"/> (adding it again changes nothing).</summary>
    Task ReactAsync(PublishTarget target, long commentId, Reaction reaction, CancellationToken cancellationToken);

    /// <summary>Replies to comment <paramref name="commentId"/>, once: a retried attempt finds its reply and posts nothing.</summary>
    Task ReplyOnceAsync(PublishTarget target, long commentId, string body, CancellationToken cancellationToken);

    /// <summary>The person's permission on the repository: <c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c>, <c>read</c> or <c>none</c>.</summary>
    Task<string> PermissionOfAsync(PublishTarget target, string login, CancellationToken cancellationToken);

    /// <summary>The pull request as the host has it now (its head and base, whether it is closed).</summary>
    Task<PullRequestState> GetPullRequestAsync(PublishTarget target, CancellationToken cancellationToken);
}
