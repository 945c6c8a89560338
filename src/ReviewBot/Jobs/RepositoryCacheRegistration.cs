using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Git;

namespace ReviewBot.Jobs;

/// <summary>Registers the cache the jobs fetch pull requests into (the composition does not reach into <c>Git/</c> itself).</summary>
internal static class RepositoryCacheRegistration
{
    /// <summary>
    /// One <see cref="RepositoryCache"/> under <see cref="StorageOptions.RepositoryCachePath"/>, fetching on the
    /// <see cref="JobThreads"/> (a fetch blocks: the git library has no asynchronous API).
    /// </summary>
    public static IServiceCollection AddRepositoryCache(this IServiceCollection services) =>
        services.AddSingleton(sp => new RepositoryCache(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.RepositoryCachePath,
            sp.GetRequiredService<ILogger<RepositoryCache>>(),
            sp.GetRequiredService<JobThreads>()));
}
