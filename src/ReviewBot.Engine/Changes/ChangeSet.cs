using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Changes;

/// <summary>A three-dot change between two commits: the changed files as GitHub shows a pull request, and the repository at head.</summary>
public sealed record ChangeSet(
    string BaseSha,
    string HeadSha,
    string MergeBaseSha,
    IReadOnlyList<ChangedFile> Files,
    IReadOnlyList<Notice> Notices,
    IRepositorySnapshot Head);
