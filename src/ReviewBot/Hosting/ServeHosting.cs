using ReviewBot.CSharp.Packages;
using ReviewBot.Engine.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ReviewBot.Cli;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Postgres;
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
        services.Configure<StorageOptions>(storage => storage.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName));
        services.AddValidatedOptions<JobOptions, JobOptionsValidator>(settings);
        services.AddValidatedOptions<PublishingOptions, PublishingOptionsValidator>(settings);
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(settings);
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(settings);
        services.TryAddSingleton(TimeProvider.System);

        services.AddJobStore(settings);
        services.AddSingleton<RunningJobs>();
        // Every worker can be in a blocking step (a fetch) while analysis still has a thread per core.
        services.AddSingleton(sp => new JobThreads(Math.Max(sp.GetRequiredService<IOptions<JobOptions>>().Value.Workers, Environment.ProcessorCount)));
        services.AddRepositoryCache();
        services.AddSingleton<GitHubClients>();
        services.AddSingleton<IGitHubClientSource>(sp => sp.GetRequiredService<GitHubClients>());
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<IReviewPublisher, GitHubReviewPublisher>();
        services.AddSingleton<IPullRequestConversation, PullRequestConversation>();
        services.AddSingleton(sp => PackageSettings.FromEnvironment(
            name => name.StartsWith(SettingsSection + "__", StringComparison.Ordinal)
                ? settings[name[(SettingsSection.Length + 2)..].Replace("__", ":", StringComparison.Ordinal)] ?? Environment.GetEnvironmentVariable(name)
                : Environment.GetEnvironmentVariable(name),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDir));
        services.AddSingleton(sp => Analyzers.CreateRegistry(sp.GetRequiredService<PackageSettings>()));
        if (settings.GetValue("AnalysisProcess", defaultValue: true))
        {
            services.AddSingleton<AnalysisProcess>();
            services.AddHostedService(sp => sp.GetRequiredService<AnalysisProcess>());
        }

        services.AddSingleton<ReviewJobRunner>();
        services.AddSingleton<RepositoryStateCleaner>();
        services.AddHostedService<JobWorker>();
        services.AddHostedService<QueueGauges>();

        services.AddSingleton<ReviewBotWebhookProcessor>();
        services.AddSingleton<WebhookIntake>();
        services.AddHostedService<WebhookWarmUp>();
        return services;
    }

    /// <summary>
    /// The job store the settings choose (SQLite in the data directory, or PostgreSQL), behind its interfaces, with the
    /// notifier and the GitHub request budget that fit it: in memory for one process on SQLite; across replicas on
    /// PostgreSQL (LISTEN/NOTIFY, leases, budgets in the database).
    /// </summary>
    private static void AddJobStore(this IServiceCollection services, IConfiguration settings)
    {
        // Chosen once, from the settings as they are at start-up; a wrong value is reported by StorageOptionsValidator.
        if ((settings.Get<StorageOptions>() ?? new StorageOptions()).UsesPostgres)
        {
            services.AddSingleton(sp =>
            {
                var connection = PostgresConnectionString.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString ?? "");
                connection.ApplicationName ??= "reviewbot";
                // The store runs the same few statements all day: prepared once per connection, they skip parsing and planning.
                if (connection.MaxAutoPrepare == 0) connection.MaxAutoPrepare = 64;
                // Kept open once readied (PostgresWarmUp): a burst's deliveries each take one.
                connection.MinPoolSize = Math.Min(connection.MaxPoolSize, Math.Max(connection.MinPoolSize, PostgresJobStore.WarmConnections));
                return NpgsqlDataSource.Create(connection);
            });
            services.AddSingleton(sp => new PostgresJobStore(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<JobOptions>>().Value.LeaseDuration));
            services.AddSingleton<IJobLeases>(sp => sp.GetRequiredService<PostgresJobStore>());
            services.AddSingleton<IRequestBudget>(sp => new PostgresRequestBudget(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<PublishingOptions>>().Value.ContentRequestsPerMinute,
                TimeSpan.FromMinutes(1), sp.GetRequiredService<ILogger<PostgresRequestBudget>>()));
            services.AddSingleton<IJobNotifier, PostgresJobNotifier>();
            services.AddHostedService<PostgresWarmUp>();
            services.AddStoreInterfaces<PostgresJobStore>();
        }
        else
        {
            services.AddSingleton(sp => new SqliteJobStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IJobNotifier, InProcessJobNotifier>();
            services.AddSingleton<IRequestBudget>(sp => new InProcessRequestBudget(
                sp.GetRequiredService<IOptions<PublishingOptions>>().Value.ContentRequestsPerMinute, sp.GetRequiredService<TimeProvider>()));
            services.AddStoreInterfaces<SqliteJobStore>();
        }
    }

    private static void AddStoreInterfaces<TStore>(this IServiceCollection services)
        where TStore : class, IDeliveryLog, IReviewQueue, ICommandQueue, ICleanupQueue, IQueueRetention
    {
        services.AddSingleton<IDeliveryLog>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IReviewQueue>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICommandQueue>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ICleanupQueue>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IQueueRetention>(sp => sp.GetRequiredService<TStore>());
    }

    /// <summary>
    /// Opens the job store before anything else uses it: a database that cannot be reached, refuses the login, may not
    /// be written or holds a newer schema is a start-up error naming the setting, not a crash at the first delivery.
    /// </summary>
    private static string? OpenJobStore(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var setting = storage.UsesPostgres ? "ConnectionStrings__ReviewBot" : "ReviewBot__DataDir";
        try
        {
            _ = services.GetRequiredService<IDeliveryLog>();
            return null;
        }
        catch (Exception e) when (e is JobStoreException or SchemaTooNewException)
        {
            return $"{setting}: the job database cannot be used: {e.Message}";
        }
    }

    /// <summary>Maps <c>POST /api/github/webhooks</c> (202 once queued), <c>GET /healthz</c> and <c>GET /metrics</c>.</summary>
    public static WebApplication MapReviewBotApp(this WebApplication app)
    {
        // All at once, before anything reads a setting: an operator fixes every wrong setting in one go.
        if (SettingFailures(app.Services) is { Count: > 0 } failures) throw new InvalidSettingsException(failures);
        if (OpenJobStore(app.Services) is { } storeFailure) throw new InvalidSettingsException([storeFailure]);
        app.MapReviewBotTelemetry(app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        var intake = app.Services.GetRequiredService<WebhookIntake>();
        app.MapPost(WebhookPath, intake.HandleAsync);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => _ = ReadyServerAsync(app.Services, lifetime.ApplicationStopping));
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
    /// One request to the server's own health endpoint once it listens: the server's request path and the store's reads
    /// are ready before the first delivery (the webhook path was warmed before listening, <see cref="WebhookWarmUp"/>).
    /// </summary>
    private static async Task ReadyServerAsync(IServiceProvider services, CancellationToken stopping)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return;
        try
        {
            var local = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal))
            {
                Path = HealthPath,
            };
            if (local.Host is "0.0.0.0" or "[::]") local.Host = "localhost";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.GetAsync(local.Uri, stopping).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Only time is at stake: the first delivery would do the same work.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WebhookWarmUp.LogWarmUpFailed(services.GetRequiredService<ILogger<WebhookWarmUp>>(), e.GetType().Name);
        }
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
