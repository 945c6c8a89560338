using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using ReviewBot.Cli;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Sqlite;
using ReviewBot.Webhooks;

namespace ReviewBot.Hosting;

/// <summary>The <c>serve</c> composition: services and endpoints of the GitHub App.</summary>
internal static class ServeHosting
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

        services.AddSingleton(sp => new SqliteJobStore(sp.GetRequiredService<IOptions<ReviewBotOptions>>().Value.DatabasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeliveryLog>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IReviewQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<ICommandQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<ICleanupQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IQueueRetention>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IJobNotifier, InProcessJobNotifier>();
        services.AddSingleton<RunningJobs>();
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
        services.AddSingleton<WebhookIntake>();
        return services;
    }

    /// <summary>Maps <c>POST /api/github/webhooks</c> (202 once queued) and <c>GET /healthz</c>.</summary>
    public static WebApplication MapReviewBotApp(this WebApplication app)
    {
        var intake = app.Services.GetRequiredService<WebhookIntake>();
        app.MapPost(WebhookPath, intake.HandleAsync);
        app.MapGet(HealthPath, async (IQueueRetention jobs, IOptions<ReviewBotOptions> options, CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            if (!await jobs.IsHealthyAsync(cancellationToken).ConfigureAwait(false)) problems.Add("job database unavailable");
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
}
