using LibGit2Sharp;
using ReviewBot.Engine.Analysis;

namespace ReviewBot.Git;

/// <summary>
/// A repository on this machine, as the local verbs use it (<c>reviewbot review</c>, <c>explain</c>, Actions mode): its
/// refs as a user types them, the change between two of them, the files of one.
/// </summary>
public sealed class LocalRepository : IDisposable
{
    private readonly Repository _repository;

    private LocalRepository(Repository repository) => _repository = repository;

    /// <summary>Opens the repository <paramref name="path"/> is in; a message that says what to pass when it is none.</summary>
    public static LocalRepository Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new GitReviewException($"--repo '{path}' does not exist. Pass the folder of a git repository.");
        var discovered = Repository.Discover(full);
        if (discovered is null) throw new GitReviewException($"--repo '{path}' is not inside a git repository. Pass the folder of a git repository, or run `git init` there.");
        try
        {
            return new LocalRepository(new Repository(discovered));
        }
        catch (LibGit2SharpException exception)
        {
            throw new GitReviewException($"--repo '{path}' could not be opened as a git repository ({exception.Message}).");
        }
    }

    /// <summary>The repository <paramref name="path"/> is in, or null when it is in none.</summary>
    public static LocalRepository? TryDiscover(string path) =>
        Repository.Discover(Path.GetFullPath(path)) is { } discovered ? new LocalRepository(new Repository(discovered)) : null;

    /// <summary>The <c>origin</c> remote's URL, if there is one (it may carry credentials).</summary>
    public string? OriginUrl => _repository.Network.Remotes["origin"]?.Url;

    /// <summary>The base a pull request would most likely target (see <see cref="RefResolver.DefaultBase"/>).</summary>
    public string DefaultBase() => RefResolver.DefaultBase(_repository);

    /// <summary>The change from <paramref name="baseRef"/> to <paramref name="headRef"/>, each a branch, tag or sha.</summary>
    public GitRevisions Revisions(string baseRef, string headRef) =>
        new(_repository, RefResolver.Resolve(_repository, baseRef, "--base"), RefResolver.Resolve(_repository, headRef, "--head"));

    /// <summary>The files of <paramref name="reference"/> (named by <paramref name="optionName"/> in errors), and its sha.</summary>
    public (IRepositorySnapshot Files, string Sha) Snapshot(string reference, string optionName)
    {
        var commit = RefResolver.Resolve(_repository, reference, optionName);
        return (new GitSnapshot(commit), commit.Sha);
    }

    public bool HasCommit(string sha) => _repository.Lookup<Commit>(sha) is not null;

    public void Dispose() => _repository.Dispose();
}
