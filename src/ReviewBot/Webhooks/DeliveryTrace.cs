using System.Diagnostics;
using ReviewBot.Telemetry;

namespace ReviewBot.Webhooks;

/// <summary>The span of a delivery's request (ASP.NET Core's), told what the delivery is about.</summary>
internal static class DeliveryTrace
{
    /// <summary>
    /// Tags the current span (tagged with the delivery by the intake) with its pull request; returns its W3C
    /// <c>traceparent</c> for the job to continue, or null untraced.
    /// </summary>
    public static string? Describe(string owner, string name, int pullNumber)
    {
        if (Activity.Current is not { } span) return null;
        span.SetTag(ReviewBotTelemetry.Attributes.Repository, owner + "/" + name);
        span.SetTag(ReviewBotTelemetry.Attributes.PullRequest, pullNumber);
        return span.IdFormat == ActivityIdFormat.W3C ? span.Id : null;
    }
}
