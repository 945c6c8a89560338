using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Text;
using ReviewBot.Git;
using ReviewBot.GitHub;

namespace ReviewBot.Cli;

/// <summary>
/// <c>reviewbot review --github</c>: inside a GitHub Actions run of a <c>pull_request</c> event, reviews the checked-out
/// repository (base and head from the event) and publishes through the App's <see cref="IReviewPublisher"/> (<see cref="GitHubReviewPublisher"/>): review,
/// summary and check run, or, when the token may not write checks, the review and the summary alone, saying so.
/// Reads <c>GITHUB_EVENT_PATH</c>, <c>GITHUB_REPOSITORY</c>, <c>GITHUB_API_URL</c> and <c>GITHUB_TOKEN</c>.
/// </summary>
internal static partial class GitHubActionsReview
{
    /// <summary>The event of a <c>pull_request</c> workflow run that a review needs.</summary>
    internal sealed record PullRequestEvent(int Number, string BaseSha, string HeadSha, bool Draft);

    public static async Task<int> RunAsync(
        ReviewOptions options, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string Need(string name) => environment(name) is { Length: > 0 } value
            ? value
            : throw new UsageException($"--github: {name} is not set. Run this inside a GitHub Actions workflow on a pull_request event (Actions sets it).");

        string owner, name, token;
        Uri apiUrl;
        PullRequestEvent pull;
        try
        {
            var repository = Need("GITHUB_REPOSITORY").Split('/');
            if (repository.Length != 2 || repository.Any(string.IsNullOrWhiteSpace))
            {
                throw new UsageException($"--github: GITHUB_REPOSITORY '{string.Join('/', repository)}' is not OWNER/NAME.");
            }

            (owner, name) = (repository[0], repository[1]);
            var api = environment("GITHUB_API_URL") is { Length: > 0 } a ? a : "https://api.github.com";
            if (!Uri.TryCreate(api, UriKind.Absolute, out apiUrl!) || apiUrl.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--github: GITHUB_API_URL '{api}' is not an http(s) URL.");
            }

            token = Need("GITHUB_TOKEN");
            pull = ReadEvent(Need("GITHUB_EVENT_PATH"));
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"reviewbot review: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        Engine.Review.ReviewResult result;
        ReportMetadata metadata;
        try
        {
            EnsureCommits(options.Repository, pull);
            (result, metadata) = ReviewCommand.Review(options with { Base = pull.BaseSha, Head = pull.HeadSha }, stderr, cancellationToken);
        }
        catch (Exception e) when (e is UsageException or GitReviewException)
        {
            var hint = e.Message.Contains("common ancestor", StringComparison.Ordinal) ? " " + FetchDepthHint : "";
            await stderr.WriteLineAsync($"reviewbot review: {e.Message}{hint}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var report = ReportFormats.Render(result, options.Format, metadata);
        if (options.Output is { } output) await File.WriteAllTextAsync(output, report, cancellationToken).ConfigureAwait(false);
        else await stdout.WriteAsync(WorkflowCommands.Inert(report)).ConfigureAwait(false);

        if (pull.Draft && !result.Config.ReviewDrafts)
        {
            // As the App: a draft is published on only when .reviewbot.yml asks for it (review_drafts: true).
            await stderr.WriteLineAsync("reviewbot review: a draft pull request, and .reviewbot.yml does not set review_drafts: true; nothing published.")
                .ConfigureAwait(false);
            return result.MeetsFailOn ? ExitCodes.FailOnMet : ExitCodes.Success;
        }

        using var loggers = LoggerFactory.Create(b => b.AddProvider(new TextWriterLoggerProvider(stderr)).SetMinimumLevel(LogLevel.Information));
        using var clients = new TokenClientSource(apiUrl, token, TimeProvider.System, loggers.CreateLogger("ReviewBot.GitHub"));
        IReviewPublisher publisher = new GitHubReviewPublisher(clients, Options.Create(new PublishingOptions()), TimeProvider.System, loggers);
        var target = new PublishTarget(0, owner, name, pull.Number, pull.HeadSha);
        try
        {
            long? checkRunId = null;
            try
            {
                checkRunId = await publisher.StartCheckRunAsync(target, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (GitHubFailures.IsForbidden(e))
            {
                await stderr.WriteLineAsync(
                    "::warning::ReviewBot could not create its check run: the token may not write checks (add `checks: write` to the workflow's permissions). The review and the summary are published without it.")
                    .ConfigureAwait(false);
            }

            var outcome = await publisher.PublishAsync(target, checkRunId, result, cancellationToken, checkRunId is null ? ConversationBodies.ChecksRefusedNote : null).ConfigureAwait(false);
            LogPublished(loggers.CreateLogger(typeof(GitHubActionsReview)), owner, name, pull.Number, outcome.InlinePosted, checkRunId is not null);
        }
        catch (Exception e) when (GitHubFailures.IsForbidden(e))
        {
            await stderr.WriteLineAsync(
                $"::error::ReviewBot could not publish on {owner}/{name}#{pull.Number}: GitHub answered 403 ({WorkflowCommands.Data(e.Message)}). The workflow needs `pull-requests: write` and `issues: write`; a pull request from a fork gets a read-only token. The report above is complete.")
                .ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (GitHubFailures.IsRequestFailure(e))
        {
            var status = GitHubFailures.Status(e) is { } code ? $"GitHub answered {code}: " : "";
            await stderr.WriteLineAsync($"::error::ReviewBot could not publish on {owner}/{name}#{pull.Number}: {status}{WorkflowCommands.Data(e.Message)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return result.MeetsFailOn ? ExitCodes.FailOnMet : ExitCodes.Success;
    }

    private const string FetchDepthHint =
        "Check out the full history: `fetch-depth: 0` in the `with:` of actions/checkout, so that the pull request's base, head and their merge base are present.";

    /// <summary>The pull request of a <c>pull_request</c> (or <c>pull_request_target</c>) event file.</summary>
    internal static PullRequestEvent ReadEvent(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--github: cannot read the event file GITHUB_EVENT_PATH '{path}': {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object
                && pr.TryGetProperty("number", out var number) && number.TryGetInt32(out var n)
                && Sha(pr, "base") is { } baseSha && Sha(pr, "head") is { } headSha)
            {
                var draft = pr.TryGetProperty("draft", out var d) && d.ValueKind == JsonValueKind.True;
                return new PullRequestEvent(n, baseSha, headSha, draft);
            }
        }

        throw new UsageException(
            "--github: the event has no pull_request with number, base.sha and head.sha. Run it on `pull_request` events (`on: pull_request` in the workflow).");
    }

    private static string? Sha(JsonElement pull, string side) =>
        pull.TryGetProperty(side, out var end) && end.ValueKind == JsonValueKind.Object
        && end.TryGetProperty("sha", out var sha) && sha.GetString() is { Length: > 0 } value ? value : null;

    private static void EnsureCommits(string path, PullRequestEvent pull)
    {
        using var repository = LocalRepository.TryDiscover(path)
            ?? throw new UsageException($"--repo '{path}' is not inside a git repository. Check the repository out first (actions/checkout).");
        foreach (var (sha, what) in new[] { (pull.BaseSha, "base"), (pull.HeadSha, "head") })
        {
            if (!repository.HasCommit(sha))
            {
                throw new UsageException($"the pull request's {what} commit {sha} is not in the checked-out repository. {FetchDepthHint}");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published on {Owner}/{Name}#{Number}: {Posted} new inline comment(s); check run: {WithCheckRun}")]
    private static partial void LogPublished(ILogger logger, string owner, string name, int number, int posted, bool withCheckRun);
}

/// <summary>Writes log lines to a <see cref="TextWriter"/> (standard error of the CLI), one line each.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WriterLogger(writer);

    public void Dispose()
    {
        // The writer belongs to the caller.
    }

    private sealed class WriterLogger(TextWriter writer) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var prefix = logLevel switch
            {
                >= LogLevel.Error => "::error::",
                LogLevel.Warning => "::warning::",
                _ => "reviewbot: ",
            };
            // One line per entry whatever the message holds (paths, GitHub's answers), escaped as command data.
            var message = formatter(state, exception);
            lock (writer) writer.WriteLine(prefix + (prefix.StartsWith("::", StringComparison.Ordinal) ? WorkflowCommands.Data(message) : SafeText.Escape(message)));
        }
    }
}
