namespace ReviewBot.Webhooks;

/// <summary>The bounds of the webhook endpoint: settings of the <c>ReviewBot</c> section.</summary>
internal sealed record WebhookOptions
{
    /// <summary>
    /// <c>ReviewBot__WebhookBodyTimeout</c>: the grace period of a webhook body; after it, a body arriving slower than
    /// 1 KB a second on average is refused with 408 (GitHub itself gives up on a delivery after 10 s).
    /// </summary>
    public TimeSpan WebhookBodyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
