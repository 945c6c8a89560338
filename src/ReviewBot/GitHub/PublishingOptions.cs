namespace ReviewBot.GitHub;

/// <summary>How the App talks to GitHub and what its comments link to: settings of the <c>ReviewBot</c> section.</summary>
internal sealed record PublishingOptions
{
    /// <summary><c>ReviewBot__RuleDocsUrl</c>: rule ids link to this URL followed by <c>ID.md</c>.</summary>
    public Uri RuleDocsUrl { get; init; } = new("https://github.com/reviewbot/reviewbot/blob/main/docs/rules/");

    /// <summary><c>ReviewBot__HttpRetryDelay</c>: the first back-off of a retried GitHub request (Retry-After wins when sent).</summary>
    public TimeSpan HttpRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>ReviewBot__HttpMaxRetries</c>: retries of one GitHub request (5xx, 429, secondary rate limits).</summary>
    public int HttpMaxRetries { get; init; } = 5;

    /// <summary><c>ReviewBot__HttpTotalTimeout</c>: the most one GitHub request may take, retries and waits included.</summary>
    public TimeSpan HttpTotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary><c>ReviewBot__ContentRequestsPerMinute</c>: content-creating requests per installation (GitHub: 80).</summary>
    public int ContentRequestsPerMinute { get; init; } = 80;
}
