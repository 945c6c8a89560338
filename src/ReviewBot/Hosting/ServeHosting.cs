using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using Octokit.Webhooks.AspNetCore;
using ReviewBot.Cli;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Webhooks;

namespace ReviewBot.Hosting;

/// <summary>The <c>serve</c> composition: services and endpoints of the GitHub App.</summary>
internal static partial class ServeHosting
{
    public const string WebhookPath = "/api/github/webhooks";
    public const string HealthPath = "/healthz";

    /// <summary>Registers the App's options (validated on start), queue, workers, GitHub clients and webhook processor.</summary>
    public static IServiceCollection AddReviewBotApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitHubAppOptions>().Bind(configuration.GetSection(GitHubAppOptions.Section)).ValidateOnStart();
        services.AddOptions<ReviewBotOptions>().Bind(configuration.GetSection(ReviewBotOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubAppOptions>, GitHubAppOptionsValidator>();
        services.AddSingleton<IValidateOptions<ReviewBotOptions>, ReviewBotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new JobStore(sp.GetRequiredService<IOptions<ReviewBotOptions>>().Value.DatabasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobSignals>();
        services.AddSingleton(sp => new RepositoryCache(
            sp.GetRequiredService<IOptions<ReviewBotOptions>>().Value.RepositoryCachePath, sp.GetRequiredService<ILogger<RepositoryCache>>()));
        services.AddSingleton<GitHubClients>();
        services.AddSingleton<IGitHubClientSource>(sp => sp.GetRequiredService<GitHubClients>());
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<ReviewPublisher>();
        services.AddSingleton(_ => Analyzers.CreateRegistry());
        services.AddSingleton<ReviewJobRunner>();
        services.AddSingleton<RepositoryStateCleaner>();
        services.AddHostedService<JobWorker>();

        services.AddHttpContextAccessor();
        services.AddSingleton<WebhookEventProcessor, ReviewBotWebhookProcessor>();
        services.AddOptions<GitHubWebhookOptions>().Configure<IOptions<GitHubAppOptions>>((webhook, github) =>
        {
            webhook.Secret = github.Value.WebhookSecret;
            webhook.ExceptionHandler = HandleWebhookExceptionAsync;
        });
        return services;
    }

    /// <summary>Maps <c>POST /api/github/webhooks</c> (202 once queued) and <c>GET /healthz</c>.</summary>
    public static WebApplication MapReviewBotApp(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(WebhookPath, StringComparison.Ordinal))
            {
                context.Response.OnStarting(() =>
                {
                    // The library answers 200 once the processor returns; a delivery written to the queue is 202 Accepted.
                    if (context.Response.StatusCode == StatusCodes.Status200OK
                        && context.Items[ReviewBotWebhookProcessor.OutcomeItem] is DeliveryOutcome.Queued or DeliveryOutcome.AlreadyQueued or DeliveryOutcome.Redelivery or DeliveryOutcome.CommandQueued)
                    {
                        context.Response.StatusCode = StatusCodes.Status202Accepted;
                    }

                    return Task.CompletedTask;
                });
            }

            await next(context).ConfigureAwait(false);
        });

        var secret = app.Services.GetRequiredService<IOptions<GitHubAppOptions>>().Value.WebhookSecret;
        app.MapGitHubWebhooks(WebhookPath, secret!);
        app.MapGet(HealthPath, (JobStore jobs, IOptions<ReviewBotOptions> options) =>
        {
            var problems = new List<string>();
            if (!jobs.IsHealthy()) problems.Add("job database unavailable");
            if (!DataDirectoryWritable(options.Value.DataDir)) problems.Add("data directory not writable");
            return problems.Count == 0
                ? Results.Text("ok\n")
                : Results.Text(string.Join("; ", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    private static bool DataDirectoryWritable(string dataDir)
    {
        try
        {
            var probe = Path.Combine(dataDir, ".healthz");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// A verified body we cannot read is the sender's problem: 400 with the reason, never 500 (GitHub would count a
    /// failed delivery). A ping the library cannot deserialize is still acknowledged.
    /// </summary>
    private static async ValueTask<bool> HandleWebhookExceptionAsync(Exception exception, HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServeHosting));
        var eventName = context.Request.Headers["X-GitHub-Event"].ToString();
        if (eventName == "ping")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return true;
        }

        string? reason = exception switch
        {
            WebhookPayloadException payload => payload.Message,
            JsonException json => "The body is not valid JSON of the event's shape, or lacks fields the event needs: " + json.Message,
            _ => null,
        };
        if (reason is null) return false;
        LogRejected(logger, context.Request.Headers["X-GitHub-Delivery"].ToString(), eventName, reason);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Delivery} ({Event}) refused with 400: {Reason}")]
    private static partial void LogRejected(ILogger logger, string delivery, string @event, string reason);
}
