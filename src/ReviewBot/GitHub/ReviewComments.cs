using Microsoft.Extensions.Logging;
using Octokit;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ReviewBot.GitHub;

/// <summary>What became of a review's findings as inline comments.</summary>
internal sealed record InlinePublication(int Posted, int AlreadyPosted, IReadOnlyList<Finding> NotInline, int Refused);

/// <summary>
/// A review's inline comments, as one pull-request review (line/side, never position): placed only on lines GitHub's
/// own diff of the pull request shows, and never a second time (a comment whose fingerprint is on the pull request
/// already is skipped). What cannot be placed, or GitHub refuses, is left to the summary.
/// </summary>
internal sealed partial class ReviewComments(IGitHubClientSource clients, Uri ruleDocsUrl, ILogger<ReviewComments> logger)
{
    public const int MaxPullRequestFiles = 3_000; // GitHub pulls API: the files list stops at 3,000 files
    public const int FilesPerPage = 100; // GitHub pulls API: per_page maximum

    /// <summary>Posts the reported findings of <paramref name="result"/> that can be placed, up to the configured number.</summary>
    public async Task<InlinePublication> PublishAsync(PublishTarget target, ReviewResult result, CancellationToken cancellationToken)
    {
        var client = clients.ForInstallation(target.InstallationId);
        var posted = await PostedFingerprintsAsync(client, target, cancellationToken).ConfigureAwait(false);

        var files = result.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var candidates = new List<Finding>();
        var notInline = new List<Finding>();
        var alreadyPosted = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in result.Reported
                     .OrderByDescending(f => f.Severity)
                     .ThenBy(f => f, Finding.StableOrder))
        {
            if (posted.Contains(finding.Fingerprint))
            {
                alreadyPosted++;
                continue;
            }

            if (!seen.Add(finding.Fingerprint)) continue;
            if (files.TryGetValue(finding.Path, out var file) && Place(finding, file.Lines) is not null) candidates.Add(finding);
            else notInline.Add(finding);
        }

        // Our diff proposes; GitHub's own diff of the pull request decides where it accepts a comment.
        var commentable = new List<InlineComment>();
        if (candidates.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gitHubDiff = await GitHubDiffAsync(client, target, cancellationToken).ConfigureAwait(false);
            var outsideGitHubDiff = 0;
            foreach (var finding in candidates)
            {
                var placed = gitHubDiff.TryGetValue(finding.Path, out var lines) ? Place(finding, lines) : null;
                if (placed is null) outsideGitHubDiff++;
                if (placed is null || commentable.Count >= result.Config.MaxInlineComments) notInline.Add(finding);
                else commentable.Add(placed);
            }

            if (outsideGitHubDiff > 0) LogOutsideGitHubDiff(logger, target.Owner, target.Name, target.Number, outsideGitHubDiff);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var refused = new List<InlineComment>();
        var postedNow = new List<InlineComment>();
        if (commentable.Count > 0)
        {
            await PublishReviewAsync(client, target, commentable, postedNow, refused, cancellationToken).ConfigureAwait(false);
        }

        notInline.AddRange(refused.Select(c => c.Finding));
        notInline.Sort(Finding.StableOrder);
        return new InlinePublication(postedNow.Count, alreadyPosted, notInline, refused.Count);
    }

    /// <summary>
    /// Where a finding can be commented on: the line GitHub accepts (added or context, right side), and for a
    /// suggestion the exact line range it replaces when the diff shows all of it. Null when the line is outside the diff.
    /// </summary>
    public InlineComment? Place(Finding finding, LineMap lines)
    {
        if (finding.Mark is not (DiffMark.AddedLine or DiffMark.DiffContext) || !lines.IsInDiff(finding.StartLine)) return null;
        var suggestion = finding.Suggestion;
        if (suggestion is not null)
        {
            var all = Enumerable.Range(suggestion.StartLine, Math.Max(1, suggestion.EndLine - suggestion.StartLine + 1)).All(lines.IsInDiff);
            if (all && suggestion.EndLine >= suggestion.StartLine)
            {
                return new InlineComment(
                    finding,
                    suggestion.EndLine,
                    suggestion.EndLine > suggestion.StartLine ? suggestion.StartLine : null,
                    InlineCommentBody.Render(finding, suggestion, ruleDocsUrl));
            }
        }

        return new InlineComment(finding, finding.StartLine, null, InlineCommentBody.Render(finding, null, ruleDocsUrl));
    }

    private static async Task<HashSet<string>> PostedFingerprintsAsync(IGitHubClient client, PublishTarget target, CancellationToken cancellationToken)
    {
        var comments = await client.PullRequest.ReviewComment.GetAll(target.Owner, target.Name, target.Number)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. comments.Where(c => c.User?.Type == AccountType.Bot).SelectMany(c => FingerprintMarker.FindIn(c.Body))];
    }

    /// <summary>
    /// GitHub's own diff of the pull request (the pulls files API, at most 3,000 files): for each file it shows with a
    /// patch, the lines of the new side it accepts review comments on. A file it lists without a patch (too large, or
    /// binary) or does not list at all is absent: GitHub accepts no line comment there.
    /// </summary>
    private async Task<Dictionary<string, LineMap>> GitHubDiffAsync(IGitHubClient client, PublishTarget target, CancellationToken cancellationToken)
    {
        var options = new ApiOptions { PageSize = FilesPerPage, PageCount = MaxPullRequestFiles / FilesPerPage };
        var files = await client.PullRequest.Files(target.Owner, target.Name, target.Number, options).WaitAsync(cancellationToken).ConfigureAwait(false);
        var diff = new Dictionary<string, LineMap>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (string.IsNullOrEmpty(file.Patch) || string.IsNullOrEmpty(file.FileName)) continue;
            try
            {
                diff[file.FileName] = LineMap.FromHunks(UnifiedDiffParser.ParseHunks(file.Patch));
            }
            catch (FormatException)
            {
                LogUnreadablePatch(logger, target.Owner, target.Name, target.Number, SafeText.Escape(file.FileName));
            }
        }

        return diff;
    }

    /// <summary>True when <paramref name="diff"/> (GitHub's diff) shows every line <paramref name="comment"/> covers in its file.</summary>
    private static bool Allows(Dictionary<string, LineMap> diff, InlineComment comment) =>
        diff.TryGetValue(comment.Finding.Path, out var lines)
        && Enumerable.Range(comment.StartLine ?? comment.Line, comment.Line - (comment.StartLine ?? comment.Line) + 1).All(lines.IsInDiff);

    /// <summary>
    /// Posts <paramref name="comments"/> as one review. If GitHub refuses it (422), GitHub's diff is read again (it may
    /// have changed since it was read), every comment it no longer allows is dropped, and the rest is posted once more
    /// as one review. Only if that is refused too, or nothing was dropped, the batch is split as a last resort (see
    /// <see cref="SplitRefusedAsync"/>). Refused comments end in <paramref name="refused"/>.
    /// </summary>
    private async Task PublishReviewAsync(
        IGitHubClient client, PublishTarget target, List<InlineComment> comments, List<InlineComment> posted, List<InlineComment> refused, CancellationToken cancellationToken)
    {
        var problem = await TryPostReviewAsync(client, target, comments, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            posted.AddRange(comments);
            return;
        }

        LogReviewRefused(logger, target.Owner, target.Name, target.Number, comments.Count, problem);
        cancellationToken.ThrowIfCancellationRequested();
        var diff = await GitHubDiffAsync(client, target, cancellationToken).ConfigureAwait(false);
        var kept = new List<InlineComment>(comments.Count);
        foreach (var comment in comments)
        {
            if (Allows(diff, comment))
            {
                kept.Add(comment);
                continue;
            }

            LogCommentRefused(logger, target.Owner, target.Name, target.Number, SafeText.Escape(comment.Finding.Path), comment.Line, "outside GitHub's diff of the pull request");
            refused.Add(comment);
        }

        if (kept.Count == 0) return;
        if (kept.Count < comments.Count)
        {
            problem = await TryPostReviewAsync(client, target, kept, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                posted.AddRange(kept);
                return;
            }
        }

        await SplitRefusedAsync(client, target, kept, problem, posted, refused, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The last resort for a batch GitHub refused although its diff allows every comment: the batch is split in halves
    /// and each is posted on its own (each may become a review), down to single comments; a comment refused alone ends
    /// in <paramref name="refused"/>, so a bad line never loses the whole review.
    /// </summary>
    private async Task SplitRefusedAsync(
        IGitHubClient client, PublishTarget target, List<InlineComment> comments, string problem, List<InlineComment> posted, List<InlineComment> refused, CancellationToken cancellationToken)
    {
        if (comments.Count == 1)
        {
            LogCommentRefused(logger, target.Owner, target.Name, target.Number, SafeText.Escape(comments[0].Finding.Path), comments[0].Line, problem);
            refused.Add(comments[0]);
            return;
        }

        var half = comments.Count / 2;
        foreach (var part in new[] { comments[..half], comments[half..] })
        {
            var partProblem = await TryPostReviewAsync(client, target, part, cancellationToken).ConfigureAwait(false);
            if (partProblem is null) posted.AddRange(part);
            else await SplitRefusedAsync(client, target, part, partProblem, posted, refused, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Posts one review of <paramref name="comments"/>; null when GitHub took it, else why it refused it (422).</summary>
    private static async Task<string?> TryPostReviewAsync(IGitHubClient client, PublishTarget target, List<InlineComment> comments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = new Dictionary<string, object>
        {
            ["commit_id"] = target.HeadSha,
            ["event"] = "COMMENT",
            ["body"] = ConversationBodies.Review(comments.Count),
            ["comments"] = comments.Select(c => c.ToRequest()).ToArray(),
        };
        try
        {
            var connection = new ApiConnection(client.Connection);
            await connection.Post<PullRequestReview>(
                    new Uri($"repos/{Uri.EscapeDataString(target.Owner)}/{Uri.EscapeDataString(target.Name)}/pulls/{target.Number}/reviews", UriKind.Relative),
                    body,
                    cancellationToken)
                .ConfigureAwait(false);
            return null;
        }
        catch (ApiValidationException e)
        {
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: {Count} finding(s) on lines outside GitHub's diff of the pull request; listed in the summary")]
    private static partial void LogOutsideGitHubDiff(ILogger logger, string owner, string name, int number, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub's patch of {Path} could not be read; no inline comments on it")]
    private static partial void LogUnreadablePatch(ILogger logger, string owner, string name, int number, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub refused a review of {Count} comment(s) ({Reason}); reading its diff again")]
    private static partial void LogReviewRefused(ILogger logger, string owner, string name, int number, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub refused a comment on {Path}:{Line} ({Reason}); listed in the summary instead")]
    private static partial void LogCommentRefused(ILogger logger, string owner, string name, int number, string path, int line, string reason);
}

/// <summary>An inline review comment on the right side: <see cref="Line"/>, and <see cref="StartLine"/> for a range.</summary>
internal sealed record InlineComment(Finding Finding, int Line, int? StartLine, string Body)
{
    public Dictionary<string, object> ToRequest()
    {
        var request = new Dictionary<string, object>
        {
            ["path"] = Finding.Path,
            ["line"] = Line,
            ["side"] = "RIGHT",
            ["body"] = Body,
        };
        if (StartLine is { } start)
        {
            request["start_line"] = start;
            request["start_side"] = "RIGHT";
        }

        return request;
    }
}
