using LibGit2Sharp;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;

namespace ReviewBot.Git;

/// <summary>
/// A pull request as <see cref="RepositoryCache"/> fetched it: its head as the job knows it, the pull request's head ref
/// as GitHub has it now, and the base branch.
/// </summary>
public sealed class CachedPullRequest : IDisposable
{
    private readonly Repository _repository;
    private readonly int _number;
    private readonly string _headSha;
    private readonly Commit _base;

    private CachedPullRequest(Repository repository, int number, string headSha, Commit baseCommit)
    {
        _repository = repository;
        _number = number;
        _headSha = headSha;
        _base = baseCommit;
    }

    /// <summary>Opens the cached repository at <paramref name="path"/>, in which the fetch put the pull request and its base branch.</summary>
    public static CachedPullRequest Open(string path, int number, string baseBranch, string headSha) =>
        CachedRepository.Open(path, repository => new CachedPullRequest(
            repository,
            number,
            headSha,
            repository.Refs[RepositoryCache.BaseRef(baseBranch)]?.ResolveToDirectReference()?.Target as Commit
                ?? throw new InvalidOperationException($"Base branch '{baseBranch}' is missing from the cache.")));

    public string BaseSha => _base.Sha;

    /// <summary>The head the job reviews (which <see cref="NewerHead"/> compares with the pull request's).</summary>
    public string HeadSha => _headSha;

    /// <summary><c>.reviewbot.yml</c> as the fetched base branch has it.</summary>
    public IConfigSource BaseConfig => new CommitConfigSource(_base);

    /// <summary>The change from the base branch to the job's head (which must be in the cache).</summary>
    public IChangeSource Changes() => new GitRevisions(_repository, _base, CachedRepository.Commit(_repository, _headSha));

    /// <summary>
    /// The pull request's head (<c>refs/pull/N/head</c>, just fetched) when it is another commit than the job's and not
    /// an older one (GitHub does not promise delivery order, so an older head's delivery can arrive after the newer
    /// one's); null otherwise.
    /// </summary>
    public string? NewerHead()
    {
        if (_repository.Refs[RepositoryCache.PullRef(_number)]?.ResolveToDirectReference()?.Target is not Commit current
            || current.Sha == _headSha
            || _repository.Lookup<Commit>(_headSha) is not { } queued)
        {
            return null;
        }

        // A ref that lags behind the job's own head (the job's commit descends from it) is not a newer head.
        return _repository.ObjectDatabase.FindMergeBase(current, queued)?.Sha == current.Sha ? null : current.Sha;
    }

    public void Dispose() => _repository.Dispose();
}
