using LibGit2Sharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Rules;

namespace ReviewBot.Git;

/// <summary>A base and a head commit of one repository: the three-dot change between them, as the engine reads it.</summary>
public sealed class GitRevisions : IChangeSource, IDisposable
{
    private readonly Repository _repository;
    private readonly Commit _base;
    private readonly Commit _head;
    private readonly bool _ownsRepository;

    internal GitRevisions(Repository repository, Commit baseCommit, Commit headCommit, bool ownsRepository = false)
    {
        _repository = repository;
        _base = baseCommit;
        _head = headCommit;
        _ownsRepository = ownsRepository;
    }

    /// <summary>Two commits of a cached (bare) repository by sha, as the App's analysis process is told them.</summary>
    public static GitRevisions OpenCached(string path, string baseSha, string headSha) =>
        CachedRepository.Open(path, repository => new GitRevisions(
            repository, CachedRepository.Commit(repository, baseSha), CachedRepository.Commit(repository, headSha), ownsRepository: true));

    /// <summary><c>.reviewbot.yml</c> as the base commit has it.</summary>
    public IConfigSource BaseConfig => new CommitConfigSource(_base);

    public ChangeSet ReadChanges(FileLimits limits) => ReadChanges(limits, null);

    public ChangeSet ReadChanges(FileLimits limits, ReviewTimings? timings) => GitChangeReader.Read(_repository, _base, _head, limits, timings);

    public void Dispose()
    {
        if (_ownsRepository) _repository.Dispose();
    }
}

/// <summary><c>.reviewbot.yml</c> at the root of a commit, read from the object database.</summary>
internal sealed class CommitConfigSource(Commit commit) : IConfigSource
{
    public ConfigLoadResult? Load(RuleCatalog catalog) => GitSnapshot.ReadConfig(commit, catalog);
}
