using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Publishing;
using ReviewBot.Engine.Reporting;
using ReviewBot.Engine.Review;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ReviewBot.GitHub;

/// <summary>
/// Publishes a review on GitHub, in this order: the inline comments as one review (<see cref="ReviewComments"/>), the
/// summary comment edited in place (<see cref="SummaryComment"/>), then the head's check run completed with every
/// reported finding as an annotation (<see cref="CheckRuns"/>). What each says is rendered in the engine's
/// <c>Reporting/</c>; this class only decides the order and what goes where.
/// </summary>
internal sealed partial class GitHubReviewPublisher : IReviewPublisher
{
    private const int MaxSummaryLength = 60_000; // below GitHub's comment limit: room for a note after it

    private readonly IGitHubClientSource _clients;
    private readonly CheckRuns _checkRuns;
    private readonly ReviewComments _comments;
    private readonly SummaryComment _summary;
    private readonly ILogger<GitHubReviewPublisher> _logger;

    public GitHubReviewPublisher(IGitHubClientSource clients, IOptions<PublishingOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _clients = clients;
        _checkRuns = new CheckRuns(clients, time, loggers.CreateLogger<CheckRuns>());
        _comments = new ReviewComments(clients, options.Value.RuleDocsUrl, loggers.CreateLogger<ReviewComments>());
        _summary = new SummaryComment(clients);
        _logger = loggers.CreateLogger<GitHubReviewPublisher>();
    }

    public Task<long?> FindOpenCheckRunAsync(PublishTarget target, CancellationToken cancellationToken) => _checkRuns.FindOpenAsync(target, cancellationToken);

    public Task<long> StartCheckRunAsync(PublishTarget target, long? known, CancellationToken cancellationToken) =>
        _checkRuns.StartAsync(target, known, cancellationToken);

    public Task ConcludeAsync(PublishTarget target, long checkRunId, CheckRunOutput output, CancellationToken cancellationToken) =>
        _checkRuns.ConcludeAsync(target, checkRunId, output, cancellationToken);

    public async Task<PublishOutcome> PublishAsync(
        PublishTarget target, long? checkRunId, ReviewResult result, CancellationToken cancellationToken, string? summaryNote = null)
    {
        var inline = await _comments.PublishAsync(target, result, cancellationToken).ConfigureAwait(false);

        var summary = MarkdownSummary.Render(result, new MarkdownSummaryOptions
        {
            NotPostedInline = inline.NotInline,
            LinkFor = f => BlobUrl(target, f),
            MaxLength = MaxSummaryLength,
        });
        cancellationToken.ThrowIfCancellationRequested();
        await _summary.UpsertAsync(target, ConversationBodies.Summary(summary, summaryNote), cancellationToken).ConfigureAwait(false);

        var output = CheckRunOutput.For(result, summary);
        cancellationToken.ThrowIfCancellationRequested();
        if (checkRunId is { } runId)
        {
            await _checkRuns.CompleteAsync(target, runId, output, cancellationToken).ConfigureAwait(false);
        }

        LogPublished(_logger, target.Owner, target.Name, target.Number, target.HeadSha, inline.Posted, inline.AlreadyPosted, inline.NotInline.Count, output.Conclusion.Id());
        return new PublishOutcome(inline.Posted, inline.AlreadyPosted, inline.NotInline.Count, inline.Refused, output.Conclusion);
    }

    private string BlobUrl(PublishTarget target, Finding finding)
    {
        var api = _clients.ApiUrl;
        var web = api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase)
            ? "https://github.com"
            : api.GetLeftPart(UriPartial.Authority);
        return $"{web}/{target.Owner}/{target.Name}/blob/{target.HeadSha}/{finding.Path}#L{finding.StartLine}";
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Owner}/{Name}#{Number}@{HeadSha}: published; {Posted} inline comment(s), {AlreadyPosted} already on the pull request, {NotInline} in the summary only; {Conclusion}")]
    private static partial void LogPublished(
        ILogger logger, string owner, string name, int number, string headSha, int posted, int alreadyPosted, int notInline, string conclusion);
}
