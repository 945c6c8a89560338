using LibGit2Sharp;

namespace ReviewBot.Git;

/// <summary>Opening a repository of <see cref="RepositoryCache"/> and finding the commits a job names in it.</summary>
internal static class CachedRepository
{
    /// <summary>Opens the repository at <paramref name="path"/> for <paramref name="owner"/>, which owns it from then on; closed again if that fails.</summary>
    public static T Open<T>(string path, Func<Repository, T> owner)
    {
        var repository = new Repository(path);
        try
        {
            return owner(repository);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>The commit <paramref name="sha"/>, which the fetch must have brought.</summary>
    public static Commit Commit(Repository repository, string sha) =>
        repository.Lookup<Commit>(sha) ?? throw new InvalidOperationException($"Commit {sha} is missing from the cache.");
}
