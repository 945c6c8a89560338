using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReviewBot.Hosting;

/// <summary>
/// <c>reviewbot serve</c>: runs the GitHub App. Listens on <c>ASPNETCORE_URLS</c> (or <c>--urls</c>) and reads standard
/// .NET configuration (appsettings.json, environment variables such as <c>GitHub__AppId</c>, command-line
/// <c>--GitHub:AppId=...</c>).
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args is ["--help" or "-h", ..])
        {
            await stdout.WriteLineAsync("""
                Usage: reviewbot serve [--urls http://0.0.0.0:8080]

                Settings (environment variables, or appsettings.json sections GitHub and ReviewBot):
                  GitHub__AppId, GitHub__PrivateKeyPath (or GitHub__PrivateKey), GitHub__WebhookSecret,
                  GitHub__ApiUrl (default https://api.github.com/), ReviewBot__DataDir (default ./data),
                  ReviewBot__Database (sqlite, the default, or postgres with ConnectionStrings__ReviewBot).
                  ReviewBot__Metrics (default true), ReviewBot__MetricsPort, ReviewBot__LogFormat (simple or json),
                  OTEL_EXPORTER_OTLP_ENDPOINT (OTLP export of metrics, traces and logs).
                Endpoints: POST /api/github/webhooks, GET /healthz, GET /metrics (Prometheus).
                """).ConfigureAwait(false);
            return 0;
        }

        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidSettingsException e)
        {
            foreach (var failure in e.Failures) await stderr.WriteLineAsync($"reviewbot serve: {failure}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Builds the App's web host from <paramref name="args"/> and the standard configuration sources.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Lowest priority, so the operator's settings override them. ASP.NET Core's per-request lines would let anyone
        // who can reach the endpoint write several log lines per request; one line per entry keeps a log greppable.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData =
            [
                new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
                new("Logging:Console:FormatterName", "simple"),
                new("Logging:Console:FormatterOptions:SingleLine", "true"),
                // The delivery and pull request of each entry (WebhookIntake, JobWorker).
                new("Logging:Console:FormatterOptions:IncludeScopes", "true"),
            ],
        });
        configure?.Invoke(builder);
        builder.AddReviewBotTelemetry();
        builder.Services.AddReviewBotApp(builder.Configuration);
        var app = builder.Build();
        app.MapReviewBotApp();
        return app;
    }
}
