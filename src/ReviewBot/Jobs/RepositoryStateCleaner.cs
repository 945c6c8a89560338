using Microsoft.Extensions.Logging;
using ReviewBot.Git;
using ReviewBot.GitHub;

namespace ReviewBot.Jobs;

/// <summary>
/// Runs a <see cref="CleanupJob"/>: forgets what the App holds for repositories it was removed from. Their jobs were
/// cancelled with the delivery; here the installation's token is dropped and the cached clones deleted. Deleting what
/// is already gone is no error, so an attempt repeated after a crash is harmless.
/// </summary>
internal sealed partial class RepositoryStateCleaner
{
    private readonly RepositoryCache _cache;
    private readonly GitHubClients _clients;
    private readonly ILogger<RepositoryStateCleaner> _logger;

    public RepositoryStateCleaner(RepositoryCache cache, GitHubClients clients, ILogger<RepositoryStateCleaner> logger)
    {
        _cache = cache;
        _clients = clients;
        _logger = logger;
    }

    public async Task RunAsync(CleanupJob job, CancellationToken cancellationToken)
    {
        if (job.InstallationId is { } installationId) _clients.Forget(installationId);
        foreach (var id in job.RepositoryIds) await _cache.ForgetAsync(id, cancellationToken).ConfigureAwait(false);
        LogForgotten(_logger, job.RepositoryIds.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Repositories} repositories")]
    private static partial void LogForgotten(ILogger logger, int repositories);
}
