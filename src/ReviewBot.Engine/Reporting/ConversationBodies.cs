namespace ReviewBot.Engine.Reporting;

/// <summary>
/// The bodies ReviewBot writes on a pull request's conversation besides the summary's own text: the review that
/// carries the inline comments, the summary comment with a note, and replies to commands, each cut to GitHub's limit.
/// </summary>
public static class ConversationBodies
{
    /// <summary>The note under the summary when Actions mode's token may not create the check run.</summary>
    public const string ChecksRefusedNote =
        "> **Note:** ReviewBot could not create its check run: this workflow's `GITHUB_TOKEN` may not write checks. " +
        "Add `checks: write` to the workflow's `permissions` to get one.";

    /// <summary>The body of the review that carries <paramref name="commentCount"/> inline comments.</summary>
    public static string Review(int commentCount) => commentCount == 1
        ? "ReviewBot left 1 comment on this commit. The summary is in the conversation."
        : $"ReviewBot left {commentCount} comments on this commit. The summary is in the conversation.";

    /// <summary>The summary comment: <paramref name="summary"/>, and <paramref name="note"/> after it, whole, when given.</summary>
    public static string Summary(string summary, string? note)
    {
        var comment = note is null ? summary : GitHubLimits.Cut(summary, GitHubLimits.MaxCommentLength - note.Length - 2) + "\n\n" + note;
        return GitHubLimits.Cut(comment, GitHubLimits.MaxCommentLength);
    }

    /// <summary>The hidden marker of a reply to comment <paramref name="commentId"/>: a retried attempt finds it and replies no more.</summary>
    public static string ReplyMarker(long commentId) => $"<!-- reviewbot:reply:{commentId} -->";

    /// <summary>A reply to comment <paramref name="commentId"/>: <paramref name="text"/> (cut if need be), then its marker.</summary>
    public static string Reply(long commentId, string text)
    {
        var marker = ReplyMarker(commentId);
        return GitHubLimits.Cut(text, GitHubLimits.MaxCommentLength - marker.Length - 2) + "\n\n" + marker;
    }
}
