using LibGit2Sharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Git;

namespace ReviewBot.Jobs;

/// <summary>
/// The analysis of a fetched pull request: the three-dot diff of its head against the base, then the engine. The same
/// in the App's process and in its analysis process (<see cref="AnalysisServer"/>).
/// </summary>
internal static class PullRequestAnalysis
{
    /// <summary>The changes between <paramref name="baseCommit"/> and the head, as the engine reads them.</summary>
    public static ChangeSet Changes(Repository repository, Commit baseCommit, string headSha)
    {
        var head = repository.Lookup<Commit>(headSha)
            ?? throw new InvalidOperationException($"Commit {headSha} is missing from the cache.");
        return GitChangeReader.Read(repository, baseCommit, head, FileLimits.Default);
    }

    /// <summary>Reviews the head's changes with <paramref name="config"/>, the default branch's <c>.reviewbot.yml</c>.</summary>
    public static ReviewResult Review(
        AnalyzerRegistry registry, Repository repository, Commit baseCommit, string headSha, ReviewConfig config,
        IReadOnlyList<Notice> configNotices, CancellationToken cancellationToken)
    {
        var changes = Changes(repository, baseCommit, headSha);
        cancellationToken.ThrowIfCancellationRequested();
        return new ReviewEngine(registry).Review(
            new ReviewInput(changes.Files)
            {
                Config = config,
                Repository = changes.Head,
                Limits = FileLimits.Default,
                Notices = [.. configNotices, .. changes.Notices],
            },
            cancellationToken);
    }
}
