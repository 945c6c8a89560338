using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

    /// <summary>The configuration section of every setting but the App's identity (<see cref="GitHubAppOptions.Section"/>).</summary>
    public const string SettingsSection = "ReviewBot";

    /// <summary>Registers the App's options (validated on start), queue, workers, GitHub clients and webhook processor.</summary>
    public static IServiceCollection AddReviewBotApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GitHubAppOptions, GitHubAppOptionsValidator>(configuration.GetSection(GitHubAppOptions.Section));
        var settings = configuration.GetSection(SettingsSection);
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(settings);
        services.AddValidatedOptions<JobOptions, JobOptionsValidator>(settings);
        services.AddValidatedOptions<PublishingOptions, PublishingOptionsValidator>(settings);
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(settings);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new SqliteJobStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDeliveryLog>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IReviewQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<ICommandQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<ICleanupQueue>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IQueueRetention>(sp => sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<IJobNotifier, InProcessJobNotifier>();
        services.AddSingleton<RunningJobs>();
        services.AddSingleton(sp => new RepositoryCache(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.RepositoryCachePath, sp.GetRequiredService<ILogger<RepositoryCache>>()));
        services.AddSingleton<GitHubClients>();
        services.AddSingleton<IGitHubClientSource>(sp => sp.GetRequiredService<GitHubClients>());
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<ReviewPublisher>();
        services.AddSingleton(_ => Analyzers.CreateRegistry());
        services.AddSingleton<ReviewJobRunner>();
        services.AddSingleton<RepositoryStateCleaner>();
        services.AddHostedService<JobWorker>();

        services.AddSingleton<ReviewBotWebhookProcessor>();
        services.AddSingleton<WebhookIntake>();
        return services;
    }

    /// <summary>Maps <c>POST /api/github/webhooks</c> (202 once queued) and <c>GET /healthz</c>.</summary>
    public static WebApplication MapReviewBotApp(this WebApplication app)
    {
        // All at once, before anything reads a setting: an operator fixes every wrong setting in one go.
        if (SettingFailures(app.Services) is { Count: > 0 } failures) throw new InvalidSettingsException(failures);
        var intake = app.Services.GetRequiredService<WebhookIntake>();
        app.MapPost(WebhookPath, intake.HandleAsync);
        app.MapGet(HealthPath, async (IQueueRetention jobs, IOptions<StorageOptions> options, CancellationToken cancellationToken) =>
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

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>. <see cref="MapReviewBotApp"/> validates every
    /// component's options before anything reads them; ValidateOnStart would run each validator a second time (it
    /// reads through another options cache), the private key's parsing included.
    /// </summary>
    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(section);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton<SettingsCheck, SettingsCheck.Of<TOptions>>();
    }

    /// <summary>Every setting that fails validation, of every component (the host alone would stop at the first component).</summary>
    public static IReadOnlyList<string> SettingFailures(IServiceProvider services) =>
        [.. services.GetServices<SettingsCheck>().SelectMany(check => check.Failures(services))];

    /// <summary>The validation of one component's options, run on demand.</summary>
    private abstract class SettingsCheck
    {
        public abstract IEnumerable<string> Failures(IServiceProvider services);

        public sealed class Of<TOptions> : SettingsCheck
            where TOptions : class
        {
            public override IEnumerable<string> Failures(IServiceProvider services)
            {
                try
                {
                    _ = services.GetRequiredService<IOptions<TOptions>>().Value;
                    return [];
                }
                catch (OptionsValidationException e)
                {
                    return e.Failures;
                }
            }
        }
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

/// <summary>Settings that fail validation, each message naming the setting as operators write it.</summary>
internal sealed class InvalidSettingsException(IReadOnlyList<string> failures) : Exception(string.Join(Environment.NewLine, failures))
{
    public IReadOnlyList<string> Failures { get; } = failures;
}
