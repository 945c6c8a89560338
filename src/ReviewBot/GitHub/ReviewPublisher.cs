using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;

namespace ReviewBot.GitHub;

/// <summary>The pull request (and head) a review is published on.</summary>
internal sealed record PublishTarget(long InstallationId, string Owner, string Name, int Number, string HeadSha);

/// <summary>What was published.</summary>
internal sealed record PublishOutcome(int InlinePosted, int AlreadyPosted, int NotPostedInline, int RefusedByGitHub, string Conclusion);

/// <summary>
/// Publishes a review result on GitHub: one check run per head sha (created in progress, completed with a conclusion and
/// every reported finding as an annotation), one pull-request review of inline comments (line/side, never position)
/// placed only on lines that GitHub's own diff of the pull request shows, and one summary comment found by its marker
/// and edited in place. Re-publishing is safe: a comment whose fingerprint is already on the pull request is not posted
/// again.
/// </summary>
internal sealed partial class ReviewPublisher
{
    public const string CheckRunName = "ReviewBot";
    public const int MaxAnnotationsPerRequest = 50; // GitHub checks API: annotations per request
    public const int MaxCommentLength = 65_536; // GitHub: issue comment, review and review comment bodies
    public const int MaxOutputLength = 65_535; // GitHub checks API: output.summary and output.text
    public const int MaxAnnotationMessageBytes = 64 * 1024; // GitHub checks API: annotation message
    public const int MaxAnnotationTitleLength = 255; // GitHub checks API: annotation title
    public const int MaxCheckRunTitleLength = 255; // kept short: GitHub shows it on one line
    public const int MaxPullRequestFiles = 3_000; // GitHub pulls API: the files list stops at 3,000 files
    public const int FilesPerPage = 100; // GitHub pulls API: per_page maximum

    private const string FingerprintMarkerStart = "<!-- reviewbot:fingerprint:";
    private const string FingerprintMarkerEnd = " -->";

    private readonly IGitHubClientSource _clients;
    private readonly PublishingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewPublisher> _logger;

    public ReviewPublisher(IGitHubClientSource clients, IOptions<PublishingOptions> options, TimeProvider time, ILogger<ReviewPublisher> logger)
    {
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>ReviewBot's in-progress check run on the head, if there is one (left by a process that died before recording it).</summary>
    public async Task<long?> FindOpenCheckRunAsync(PublishTarget target, CancellationToken cancellationToken)
    {
        var client = _clients.ForInstallation(target.InstallationId);
        var existing = await client.Check.Run.GetAllForReference(
                target.Owner, target.Name, target.HeadSha, new CheckRunRequest { CheckName = CheckRunName, Status = CheckStatusFilter.InProgress })
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return existing.CheckRuns.FirstOrDefault(r =>
            r.Status.Value == CheckStatus.InProgress && (r.App is null || _clients.AppId is null || r.App.Id == _clients.AppId))?.Id;
    }

    /// <summary>
    /// Returns the check run to report on: <paramref name="known"/> when an earlier attempt created one, else an
    /// in-progress ReviewBot run on the head (left by a process that died before recording it), else a new one.
    /// </summary>
    public async Task<long> StartCheckRunAsync(PublishTarget target, long? known, CancellationToken cancellationToken)
    {
        if (known is { } id) return id;
        if (await FindOpenCheckRunAsync(target, cancellationToken).ConfigureAwait(false) is { } open) return open;

        cancellationToken.ThrowIfCancellationRequested();
        var client = _clients.ForInstallation(target.InstallationId);
        // Once asked for, the run is waited for even if the caller is cancelled meanwhile: GitHub creates it either way,
        // and a caller that never learns its id cannot conclude it (the client's total timeout bounds the wait).
        var run = await client.Check.Run.Create(target.Owner, target.Name, new NewCheckRun(CheckRunName, target.HeadSha)
        {
            Status = CheckStatus.InProgress,
            StartedAt = _time.GetUtcNow(),
            Output = new NewCheckRunOutput("Review in progress", "ReviewBot is reviewing this commit."),
        }).ConfigureAwait(false);
        LogCheckRunStarted(_logger, target.Owner, target.Name, target.Number, run.Id);
        return run.Id;
    }

    /// <summary>
    /// Publishes <paramref name="result"/>: review, summary, then the completed check run. Without a check run
    /// (<paramref name="checkRunId"/> null: the token may not write checks), the review and the summary alone, with
    /// <paramref name="summaryNote"/> appended to the summary.
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(
        PublishTarget target, long? checkRunId, ReviewResult result, CancellationToken cancellationToken, string? summaryNote = null)
    {
        var client = _clients.ForInstallation(target.InstallationId);
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

            if (outsideGitHubDiff > 0) LogOutsideGitHubDiff(_logger, target.Owner, target.Name, target.Number, outsideGitHubDiff);
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

        var summary = MarkdownSummary.Render(result, new MarkdownSummaryOptions
        {
            NotPostedInline = notInline,
            LinkFor = f => BlobUrl(target, f),
            MaxLength = 60_000,
        });
        var comment = summaryNote is null ? summary : Cut(summary, MaxCommentLength - summaryNote.Length - 2) + "\n\n" + summaryNote;
        cancellationToken.ThrowIfCancellationRequested();
        await UpsertSummaryAsync(client, target, Cut(comment, MaxCommentLength), cancellationToken).ConfigureAwait(false);

        var conclusion = Conclusion(result);
        cancellationToken.ThrowIfCancellationRequested();
        if (checkRunId is { } runId)
        {
            await CompleteCheckRunAsync(client, target, runId, result, summary, conclusion, cancellationToken).ConfigureAwait(false);
        }

        LogPublished(_logger, target.Owner, target.Name, target.Number, target.HeadSha, postedNow.Count, alreadyPosted, notInline.Count, conclusion);
        return new PublishOutcome(postedNow.Count, alreadyPosted, notInline.Count, refused.Count, conclusion);
    }

    /// <summary>Concludes a check run of a job that will not be retried (failed for good, or superseded).</summary>
    public async Task ConcludeAsync(PublishTarget target, long checkRunId, CheckConclusion conclusion, string title, string summary, CancellationToken cancellationToken)
    {
        var client = _clients.ForInstallation(target.InstallationId);
        await client.Check.Run.Update(target.Owner, target.Name, checkRunId, new CheckRunUpdate
        {
            Status = CheckStatus.Completed,
            Conclusion = conclusion,
            CompletedAt = _time.GetUtcNow(),
            Output = new NewCheckRunOutput(Cut(title, MaxCheckRunTitleLength), Cut(summary, MaxOutputLength)),
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="reaction"/> to comment <paramref name="commentId"/> (GitHub answers 200 when it is there already).</summary>
    public async Task ReactAsync(PublishTarget target, long commentId, ReactionType reaction, CancellationToken cancellationToken)
    {
        var client = _clients.ForInstallation(target.InstallationId);
        await client.Reaction.IssueComment.Create(target.Owner, target.Name, commentId, new NewReaction(reaction)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replies to comment <paramref name="commentId"/> on the pull request's conversation, once: the reply carries a
    /// hidden marker naming the comment, and a reply found with it (a retried attempt) is not posted again.
    /// </summary>
    public async Task ReplyOnceAsync(PublishTarget target, long commentId, string body, CancellationToken cancellationToken)
    {
        var client = _clients.ForInstallation(target.InstallationId);
        var marker = $"<!-- reviewbot:reply:{commentId} -->";
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.Number).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (comments.Any(c => c.User?.Type == AccountType.Bot && c.Body?.Contains(marker, StringComparison.Ordinal) == true)) return;
        cancellationToken.ThrowIfCancellationRequested();
        await client.Issue.Comment.Create(target.Owner, target.Name, target.Number, Cut(body, MaxCommentLength - marker.Length - 2) + "\n\n" + marker)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The person's permission on the repository (the collaborator permission API): <c>admin</c>, <c>maintain</c>,
    /// <c>write</c>, <c>triage</c>, <c>read</c> or <c>none</c> (also for someone GitHub does not know as a collaborator).
    /// </summary>
    public async Task<string> PermissionOfAsync(PublishTarget target, string login, CancellationToken cancellationToken)
    {
        var connection = new ApiConnection(_clients.ForInstallation(target.InstallationId).Connection);
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
    public Task<PullRequest> GetPullRequestAsync(PublishTarget target, CancellationToken cancellationToken) =>
        _clients.ForInstallation(target.InstallationId).PullRequest.Get(target.Owner, target.Name, target.Number).WaitAsync(cancellationToken);

    public static string Conclusion(ReviewResult result) =>
        result.MeetsFailOn ? "failure" : result.AnalyzedFileCount == 0 && result.Reported.Count == 0 ? "neutral" : "success";

    /// <summary>The check run's title: the counts of reported findings by severity.</summary>
    public static string Title(ReviewResult result)
    {
        var findings = result.Reported;
        if (findings.Count == 0)
        {
            return result.AnalyzedFileCount == 0 ? "No reviewable files changed" : $"No findings in {result.AnalyzedFileCount} reviewed file(s)";
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        var notes = findings.Count - errors - warnings;
        return $"{findings.Count} {(findings.Count == 1 ? "finding" : "findings")}: {errors} error(s), {warnings} warning(s), {notes} note(s)";
    }

    /// <summary>The fingerprints named by hidden markers in <paramref name="body"/>.</summary>
    public static IEnumerable<string> FingerprintsIn(string? body) =>
        body is null ? [] : FingerprintMarker().Matches(body).Select(m => m.Groups[1].Value);

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
                    CommentBody(finding, suggestion));
            }
        }

        return new InlineComment(finding, finding.StartLine, null, CommentBody(finding, null));
    }

    /// <summary>An inline comment: the message, the rule id linked to its doc, a suggestion block, the fingerprint marker.</summary>
    public string CommentBody(Finding finding, Suggestion? suggestion)
    {
        var marker = FingerprintMarkerStart + finding.Fingerprint + FingerprintMarkerEnd;
        var head = new StringBuilder();
        head.Append("**[").Append(finding.RuleId).Append("](").Append(RuleDocUrl(finding.RuleId)).Append(")** · ")
            .Append(finding.Severity.Id()).Append("\n\n");
        var tail = new StringBuilder();
        if (suggestion is not null)
        {
            var fence = suggestion.Replacement.Contains("```", StringComparison.Ordinal) ? "````" : "```";
            tail.Append("\n\n").Append(fence).Append("suggestion\n").Append(suggestion.Replacement.TrimEnd('\n'));
            if (suggestion.Replacement.Length > 0) tail.Append('\n');
            tail.Append(fence);
            if (!string.IsNullOrWhiteSpace(suggestion.Description)) tail.Append('\n').Append(suggestion.Description);
        }

        tail.Append("\n\n").Append(marker);
        var room = MaxCommentLength - head.Length - tail.Length;
        return head.Append(Cut(finding.Message, room)).Append(tail).ToString();
    }

    private Uri RuleDocUrl(string ruleId) => new(_options.RuleDocsUrl, ruleId + ".md");

    private string BlobUrl(PublishTarget target, Finding finding)
    {
        var api = _clients.ApiUrl;
        var web = api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            ? "https://github.com"
            : api.GetLeftPart(UriPartial.Authority);
        return $"{web}/{target.Owner}/{target.Name}/blob/{target.HeadSha}/{finding.Path}#L{finding.StartLine}";
    }

    private static async Task<HashSet<string>> PostedFingerprintsAsync(IGitHubClient client, PublishTarget target, CancellationToken cancellationToken)
    {
        var comments = await client.PullRequest.ReviewComment.GetAll(target.Owner, target.Name, target.Number)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. comments.Where(c => c.User?.Type == AccountType.Bot).SelectMany(c => FingerprintsIn(c.Body))];
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
                LogUnreadablePatch(_logger, target.Owner, target.Name, target.Number, SafeText.Escape(file.FileName));
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

        LogReviewRefused(_logger, target.Owner, target.Name, target.Number, comments.Count, problem);
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

            LogCommentRefused(_logger, target.Owner, target.Name, target.Number, SafeText.Escape(comment.Finding.Path), comment.Line, "outside GitHub's diff of the pull request");
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
            LogCommentRefused(_logger, target.Owner, target.Name, target.Number, SafeText.Escape(comments[0].Finding.Path), comments[0].Line, problem);
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
            ["body"] = comments.Count == 1
                ? "ReviewBot left 1 comment on this commit. The summary is in the conversation."
                : $"ReviewBot left {comments.Count} comments on this commit. The summary is in the conversation.",
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

    private static async Task UpsertSummaryAsync(IGitHubClient client, PublishTarget target, string body, CancellationToken cancellationToken)
    {
        var comments = await client.Issue.Comment.GetAllForIssue(target.Owner, target.Name, target.Number)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        // Only a bot's comment can be ours: a person quoting the marker must not make us edit (and fail on) theirs.
        var existing = comments.FirstOrDefault(c =>
            c.User?.Type == AccountType.Bot && c.Body?.Contains(MarkdownSummary.Marker, StringComparison.Ordinal) == true);
        cancellationToken.ThrowIfCancellationRequested();
        if (existing is null)
        {
            await client.Issue.Comment.Create(target.Owner, target.Name, target.Number, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Body != body)
        {
            await client.Issue.Comment.Update(target.Owner, target.Name, existing.Id, body).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompleteCheckRunAsync(
        IGitHubClient client, PublishTarget target, long checkRunId, ReviewResult result, string summary, string conclusion, CancellationToken cancellationToken)
    {
        var title = Cut(Title(result), MaxCheckRunTitleLength);
        var outputSummary = Cut(summary, MaxOutputLength);
        var annotations = result.Reported.Select(Annotation).ToList();
        var batches = annotations.Chunk(MaxAnnotationsPerRequest).ToList();
        if (batches.Count == 0) batches.Add([]);
        for (var i = 0; i < batches.Count; i++)
        {
            var last = i == batches.Count - 1;
            var update = new CheckRunUpdate
            {
                Output = new NewCheckRunOutput(title, outputSummary) { Annotations = batches[i] },
            };
            if (last)
            {
                update.Status = CheckStatus.Completed;
                update.Conclusion = conclusion switch
                {
                    "failure" => CheckConclusion.Failure,
                    "neutral" => CheckConclusion.Neutral,
                    _ => CheckConclusion.Success,
                };
                update.CompletedAt = _time.GetUtcNow();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await client.Check.Run.Update(target.Owner, target.Name, checkRunId, update).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NewCheckRunAnnotation Annotation(Finding finding)
    {
        var level = finding.Severity switch
        {
            Severity.Error => CheckAnnotationLevel.Failure,
            Severity.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        };
        return new NewCheckRunAnnotation(finding.Path, finding.StartLine, Math.Max(finding.StartLine, finding.EndLine), level, CutBytes(finding.Message, MaxAnnotationMessageBytes))
        {
            Title = Cut(finding.RuleId, MaxAnnotationTitleLength),
        };
    }

    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        const string ellipsis = "…";
        var cut = maxLength - ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..Math.Max(0, cut)] + ellipsis;
    }

    private static string CutBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var length = Math.Min(text.Length, maxBytes / 4);
        while (length < text.Length && Encoding.UTF8.GetByteCount(text.AsSpan(0, length + 1)) <= maxBytes - 3) length++;
        return Cut(text, length + 1);
    }

    [GeneratedRegex(@"<!-- reviewbot:fingerprint:([0-9a-f:]+) -->")]
    private static partial Regex FingerprintMarker();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: check run {CheckRunId} in progress")]
    private static partial void LogCheckRunStarted(ILogger logger, string owner, string name, int number, long checkRunId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Owner}/{Name}#{Number}@{HeadSha}: published; {Posted} inline comment(s), {AlreadyPosted} already on the pull request, {NotInline} in the summary only; {Conclusion}")]
    private static partial void LogPublished(
        ILogger logger, string owner, string name, int number, string headSha, int posted, int alreadyPosted, int notInline, string conclusion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}/{Name}#{Number}: {Count} finding(s) on lines outside GitHub's diff of the pull request; listed in the summary")]
    private static partial void LogOutsideGitHubDiff(ILogger logger, string owner, string name, int number, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub's patch of {Path} could not be read; no inline comments on it")]
    private static partial void LogUnreadablePatch(ILogger logger, string owner, string name, int number, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub refused a review of {Count} comment(s) ({Reason}); reading its diff again")]
    private static partial void LogReviewRefused(ILogger logger, string owner, string name, int number, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Owner}/{Name}#{Number}: GitHub refused a comment on {Path}:{Line} ({Reason}); listed in the summary instead")]
    private static partial void LogCommentRefused(ILogger logger, string owner, string name, int number, string path, int line, string reason);
}

/// <summary>The body of <c>GET /repos/{owner}/{repo}/collaborators/{username}/permission</c> that we read.</summary>
internal sealed class CollaboratorPermission
{
    public string? Permission { get; set; }

    public string? RoleName { get; set; }
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
