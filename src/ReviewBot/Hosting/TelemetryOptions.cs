using Microsoft.Extensions.Options;

namespace ReviewBot.Hosting;

/// <summary>What <c>serve</c> exposes of itself: settings of the <c>ReviewBot</c> section.</summary>
internal sealed record TelemetryOptions
{
    /// <summary><c>ReviewBot__Metrics</c>: serve Prometheus metrics at <c>/metrics</c> (default true).</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>
    /// <c>ReviewBot__MetricsPort</c>: serve <c>/metrics</c> on this port only, on every interface, apart from the webhook
    /// endpoint (default: none, <c>/metrics</c> is served where the webhooks are).
    /// </summary>
    public int? MetricsPort { get; init; }

    /// <summary>
    /// <c>ReviewBot__Tracing</c>: record traces even when no exporter is configured (default: only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; nothing else would read them).
    /// </summary>
    public bool Tracing { get; init; }

    /// <summary><c>ReviewBot__LogFormat</c>: <c>simple</c> (one line per entry, the default) or <c>json</c> (one JSON object per line).</summary>
    public string LogFormat { get; init; } = "simple";
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.MetricsPort is < 1 or > 65535) errors.Add("ReviewBot__MetricsPort must be a TCP port, 1 to 65535.");
        if (options.LogFormat is not ("simple" or "json")) errors.Add("ReviewBot__LogFormat must be simple or json.");
        return ValidationResults.Of(errors);
    }
}
