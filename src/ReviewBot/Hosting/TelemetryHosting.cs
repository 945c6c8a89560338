using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReviewBot.Telemetry;

namespace ReviewBot.Hosting;

/// <summary>
/// <c>serve</c>'s telemetry through OpenTelemetry's .NET SDK: metrics (ReviewBot's own, ASP.NET Core's
/// <c>http.server.request.duration</c>) scraped at <c>/metrics</c>; traces of deliveries and jobs; and, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, all three (logs too) exported by OTLP, configured by the standard
/// <c>OTEL_*</c> variables.
/// </summary>
internal static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";

    /// <summary>The service name resources carry (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "reviewbot";

    public static void AddReviewBotTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServeHosting.SettingsSection).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (options.LogFormat == "json")
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        // A port out of range is reported with every other wrong setting (TelemetryOptionsValidator), not thrown here.
        if (options.MetricsPort is { } port and > 0 and <= 65535) builder.WebHost.UseUrls([.. ServerUrls(builder.Configuration), $"http://*:{port}"]);

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (options.Metrics || otlp)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ReviewBotTelemetry.Name).AddAspNetCoreInstrumentation();
                if (options.Metrics) metrics.AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        }

        if (options.Tracing || otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ReviewBotTelemetry.Name)
                    // A trace per delivery; scrapes and health checks would only bury them.
                    .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => context.Request.Path == ServeHosting.WebhookPath);
                if (otlp) tracing.AddOtlpExporter();
            });
        }

        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeScopes = true;
                logs.AddOtlpExporter();
            });
        }
    }

    /// <summary>Serves <c>/metrics</c>: on <see cref="TelemetryOptions.MetricsPort"/> only when set, else beside the webhooks.</summary>
    public static void MapReviewBotTelemetry(this WebApplication app, TelemetryOptions options)
    {
        if (!options.Metrics) return;
        if (options.MetricsPort is { } port)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath && context.Connection.LocalPort == port);
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }
    }

    /// <summary>The addresses the server listens on as configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>), or Kestrel's default.</summary>
    private static string[] ServerUrls(IConfiguration configuration)
    {
        static string[] List(string? value) => (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (List(configuration[WebHostDefaults.ServerUrlsKey]) is { Length: > 0 } urls) return urls;
        string[] ports =
        [
            .. List(configuration["http_ports"]).Select(p => $"http://*:{p}"),
            .. List(configuration["https_ports"]).Select(p => $"https://*:{p}"),
        ];
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }
}
