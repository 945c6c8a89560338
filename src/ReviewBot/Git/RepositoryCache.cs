using System.Collections.Concurrent;
using System.Globalization;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ReviewBot.Git;

/// <summary>
/// A bare repository per repository id under the data directory, fetched incrementally from the base repository's
/// <c>clone_url</c> with the installation token as HTTP basic credentials (<c>x-access-token</c>). Only the pull
/// request's head (<c>refs/pull/N/head</c>) and the base branch are fetched, so forks need no access of their own.
/// Fetches into one repository are serialised; reading goes on while another pull request of it is fetched.
/// </summary>
internal sealed partial class RepositoryCache
{
    private readonly string _root;
    private readonly ILogger<RepositoryCache> _logger;
    private readonly TaskScheduler _blockingWork;
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    /// <param name="root">The folder of the bare repositories.</param>
    /// <param name="logger">Where fetches are logged.</param>
    /// <param name="blockingWork">Where a fetch (blocking: LibGit2Sharp has no asynchronous API) runs; the thread pool by default.</param>
    public RepositoryCache(string root, ILogger<RepositoryCache> logger, TaskScheduler? blockingWork = null)
    {
        _root = root;
        _logger = logger;
        _blockingWork = blockingWork ?? TaskScheduler.Default;
        Directory.CreateDirectory(root);
    }

    public string PathOf(long repositoryId) => Path.Combine(_root, repositoryId.ToString(CultureInfo.InvariantCulture) + ".git");

    /// <summary>The local refs a pull request's head and base are fetched into (never under a branch-like name).</summary>
    public static string PullRef(int number) => $"refs/reviewbot/pull/{number}/head";

    public static string BaseRef(string branch) => $"refs/reviewbot/base/{branch}";

    /// <summary>
    /// Fetches pull request <paramref name="number"/>'s head and branch <paramref name="baseBranch"/>; returns the path
    /// of the bare repository, in which <paramref name="headSha"/> then exists.
    /// </summary>
    public async Task<string> FetchAsync(
        long repositoryId, Uri cloneUrl, string token, int number, string baseBranch, string headSha, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(repositoryId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = PathOf(repositoryId);
            return await Task.Factory.StartNew(
                () => Fetch(path, cloneUrl, token, number, baseBranch, headSha, cancellationToken), cancellationToken, TaskCreationOptions.DenyChildAttach, _blockingWork)
                .ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private string Fetch(string path, Uri cloneUrl, string token, int number, string baseBranch, string headSha, CancellationToken cancellationToken)
    {
        if (!Repository.IsValid(path))
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            Repository.Init(path, isBare: true);
        }

        using var repository = new Repository(path);
        // The pull request's head ref even when the commit is already here (a retry, a second review): the job compares
        // it with its own head, which may be older (deliveries arrive out of order).
        FetchRefs(repository, cloneUrl, token,
            [$"+refs/pull/{number}/head:{PullRef(number)}", $"+refs/heads/{baseBranch}:{BaseRef(baseBranch)}"], cancellationToken);

        if (repository.Lookup<Commit>(headSha) is null)
        {
            throw new InvalidOperationException(
                $"Commit {headSha} of pull request #{number} is not in refs/pull/{number}/head after the fetch (force-pushed since?).");
        }

        if (repository.Refs[BaseRef(baseBranch)] is null)
        {
            throw new InvalidOperationException($"Base branch '{baseBranch}' does not exist in the repository.");
        }

        return path;
    }

    private void FetchRefs(Repository repository, Uri cloneUrl, string token, string[] refspecs, CancellationToken cancellationToken)
    {
        var options = new FetchOptions
        {
            CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token },
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        var remote = repository.Network.Remotes["origin"];
        if (remote is null) repository.Network.Remotes.Add("origin", cloneUrl.AbsoluteUri);
        else if (remote.Url != cloneUrl.AbsoluteUri) repository.Network.Remotes.Update("origin", r => r.Url = cloneUrl.AbsoluteUri);
        try
        {
            Commands.Fetch(repository, "origin", refspecs, options, "reviewbot fetch");
        }
        catch (LibGit2SharpException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // libgit2's message names the URL (never the token): keep it, for the operator.
            throw new InvalidOperationException($"Fetching from {cloneUrl.GetLeftPart(UriPartial.Path)} failed: {e.Message}", e);
        }

        LogFetched(_logger, cloneUrl.GetLeftPart(UriPartial.Path), string.Join(' ', refspecs));
    }

    /// <summary>Deletes the cached repository (the App was removed from it).</summary>
    public async Task ForgetAsync(long repositoryId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(repositoryId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = PathOf(repositoryId);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                LogForgotten(_logger, repositoryId);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetched {Url}: {Refspecs}")]
    private static partial void LogFetched(ILogger logger, string url, string refspecs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Repository {RepositoryId}: cached clone deleted")]
    private static partial void LogForgotten(ILogger logger, long repositoryId);
}
