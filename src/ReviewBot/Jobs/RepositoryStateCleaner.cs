using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.GitHub;

namespace ReviewBot.Jobs;

/// <summary>
/// Forgets what the App holds for repositories it was removed from: queued and running jobs are cancelled, the cached
/// clone deleted, the installation's token dropped. Runs in the background, off the webhook request.
/// </summary>
internal sealed partial class RepositoryStateCleaner
{
    private readonly IReviewQueue _jobs;
    private readonly IJobNotifier _notifier;
    private readonly RepositoryCache _cache;
    private readonly GitHubClients _clients;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<RepositoryStateCleaner> _logger;

    public RepositoryStateCleaner(
        IReviewQueue jobs, IJobNotifier notifier, RepositoryCache cache, GitHubClients clients, IHostApplicationLifetime lifetime, ILogger<RepositoryStateCleaner> logger)
    {
        _jobs = jobs;
        _notifier = notifier;
        _cache = cache;
        _clients = clients;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Starts forgetting <paramref name="repositoryIds"/> (and the installation's token when given); returns at once.</summary>
    public void Forget(long? installationId, IReadOnlyCollection<long> repositoryIds)
    {
        if (installationId is { } id) _clients.Forget(id);
        var stopping = _lifetime.ApplicationStopping;
        _ = Task.Run(() => ForgetAsync(repositoryIds, stopping), stopping);
    }

    private async Task ForgetAsync(IReadOnlyCollection<long> repositoryIds, CancellationToken cancellationToken)
    {
        try
        {
            var cancelled = await _jobs.CancelRepositoriesAsync(repositoryIds, cancellationToken).ConfigureAwait(false);
            _notifier.NotifyCancelled(cancelled);
            foreach (var id in repositoryIds) await _cache.ForgetAsync(id, cancellationToken).ConfigureAwait(false);
            LogForgotten(_logger, repositoryIds.Count, cancelled.Count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException or JobStoreException)
        {
            LogForgetFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Repositories} repositories; {Jobs} jobs cancelled")]
    private static partial void LogForgotten(ILogger logger, int repositories, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting removed repositories failed")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception);
}
