using LibGit2Sharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Diff;
using ReviewBot.Engine.Findings;
using ReviewBot.Engine.Review;
using ReviewBot.Engine.Text;

namespace ReviewBot.Git;

/// <summary>
/// Computes what a pull request from <c>head</c> into <c>base</c> changed, exactly as GitHub shows it: the diff from
/// the merge base to head (three dots), with renames detected and three lines of context. File texts come from the
/// object database, so this works on bare repositories.
/// </summary>
public static class GitChangeReader
{
    /// <summary>GitHub shows diffs with three lines of context; review comments are allowed on exactly those lines.</summary>
    public const int ContextLines = 3;

    /// <summary>What the names of git's stages of <see cref="ReviewTimings"/> start with: the App's diff figure is their sum.</summary>
    public const string StagePrefix = "git: ";

    // The stages of --timings this reader's work counts under (ReviewTimings).
    private const string MergeBaseStage = StagePrefix + "merge base";
    private const string DiffStage = StagePrefix + "diff";
    private const string BlobReadStage = StagePrefix + "blob reads";

    public static ChangeSet Read(Repository repository, Commit baseCommit, Commit headCommit, FileLimits limits, ReviewTimings? timings = null)
    {
        var findingMergeBase = timings?.Stage(MergeBaseStage);
        var mergeBase = repository.ObjectDatabase.FindMergeBase(baseCommit, headCommit);
        findingMergeBase?.Dispose();
        if (mergeBase is null)
        {
            throw new GitReviewException(
                $"{Short(baseCommit)} and {Short(headCommit)} have no common ancestor; there is no pull-request diff between them.");
        }

        var notices = new List<Notice>();
        var options = new CompareOptions
        {
            Similarity = SimilarityOptions.Renames,
            ContextLines = ContextLines,
            IncludeUnmodified = false,
        };

        // First what changed, without any content; then the textual patch of only the files within the size limit. A
        // patch holds the whole text of both sides, so a 100 MB text file cost about 19 times its size to skip.
        var diffing = timings?.Stage(DiffStage);
        using var changes = repository.Diff.Compare<TreeChanges>(mergeBase.Tree, headCommit.Tree, options);
        var oversized = new Dictionary<string, long>(StringComparer.Ordinal);
        var diffed = new List<string>();
        foreach (var change in changes)
        {
            var size = Math.Max(BlobSize(repository, change.OldOid, change.OldMode), BlobSize(repository, change.Oid, change.Mode));
            if (size > limits.MaxFileBytes)
            {
                oversized[change.Path] = size;
                continue;
            }

            // An added file's diff is its whole text: read once below, not patched (a patch of a 300-file change spent
            // half a second passing every line through libgit2's callbacks, then as long again parsing them back).
            if (IsAddedFile(change)) continue;
            diffed.Add(change.Path);
            if (change.OldPath != change.Path) diffed.Add(change.OldPath);
        }

        // No paths would mean no filter at all: then there is nothing to diff.
        using var patch = diffed.Count == 0
            ? null
            : repository.Diff.Compare<Patch>(mergeBase.Tree, headCommit.Tree, diffed, new ExplicitPathsOptions { ShouldFailOnUnmatchedPath = false }, options);
        var patches = patch?.ToDictionary(entry => entry.Path, StringComparer.Ordinal) ?? [];
        diffing?.Dispose();

        var added = ReadAddedFiles(repository, [.. changes.Where(c => !oversized.ContainsKey(c.Path) && IsAddedFile(c))], timings);
        var files = new List<ChangedFile>();
        foreach (var change in changes)
        {
            if (oversized.TryGetValue(change.Path, out var size))
            {
                files.Add(Oversized(change, size));
            }
            else if (added.TryGetValue(change.Path, out var read))
            {
                files.Add(read.File);
                if (read.Notice is { } notice) notices.Add(notice);
            }
            else if (patches.TryGetValue(change.Path, out var entry))
            {
                files.Add(ToChangedFile(entry, headCommit, limits, notices, timings));
            }
        }

        return new ChangeSet(baseCommit.Sha, headCommit.Sha, mergeBase.Sha, files, notices, new GitSnapshot(headCommit));
    }

    private static bool IsAddedFile(TreeEntryChanges change) =>
        change.Status == ChangeKind.Added && change.Mode is Mode.NonExecutableFile or Mode.ExecutableFile;

    /// <summary>
    /// The added files, read on every core when there are many: each worker opens a handle of its own on the repository
    /// (libgit2 handles are not shared between threads). Reading, inflating and decoding them one by one was a fifth of
    /// a 300-file review.
    /// </summary>
    private static Dictionary<string, AddedFile> ReadAddedFiles(Repository repository, List<TreeEntryChanges> added, ReviewTimings? timings)
    {
        using var reading = timings?.Stage(BlobReadStage);
        var read = new AddedFile[added.Count];
        // A few files are read faster than a second handle opens.
        var workers = Math.Min(Environment.ProcessorCount, added.Count / FilesPerReader);
        if (workers <= 1)
        {
            for (var i = 0; i < added.Count; i++) read[i] = ReadAdded(repository, added[i]);
        }
        else
        {
            var path = repository.Info.Path;
            try
            {
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, TaskScheduler = TaskScheduler.Current }, worker =>
                {
                    using var own = new Repository(path);
                    for (var i = worker; i < added.Count; i += workers) read[i] = ReadAdded(own, added[i]);
                });
            }
            catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            }
        }

        var byPath = new Dictionary<string, AddedFile>(StringComparer.Ordinal);
        for (var i = 0; i < added.Count; i++) byPath[added[i].Path] = read[i];
        return byPath;
    }

    private const int FilesPerReader = 16;

    private sealed record AddedFile(ChangedFile File, Notice? Notice);

    /// <summary>
    /// An added file (within the size limit): every line is added, in one hunk <c>@@ -0,0 +1,N @@</c>, as git shows it;
    /// binary, as git judges it, when a NUL is in its first 8000 bytes.
    /// </summary>
    private static AddedFile ReadAdded(Repository repository, TreeEntryChanges change)
    {
        var path = Normalize(change.Path);
        var blob = repository.Lookup<Blob>(change.Oid);
        if (SourceDecoder.DecodeText(GitSnapshot.ReadAll(blob), out var wasUtf8) is not { } text)
        {
            return new AddedFile(new ChangedFile(new FileDiff(path, null, ChangeStatus.Added, []) { IsBinary = true }, null) { SizeBytes = blob.Size }, null);
        }

        var diff = new FileDiff(path, null, ChangeStatus.Added, AllAdded(text));
        return new AddedFile(new ChangedFile(diff, text) { SizeBytes = blob.Size, WasUtf8 = wasUtf8 }, wasUtf8 ? null : NotUtf8(path));
    }

    private static Notice NotUtf8(string path) =>
        new(NoticeKind.ParseError, path, "The file is not valid UTF-8; it was read as Latin-1, so some characters may show wrongly.");

    // Lines end at '\n' only, as in git; a '\r' before it is not part of the line's text, as the patch parser reads it.
    private static IReadOnlyList<DiffHunk> AllAdded(string text)
    {
        if (text.Length == 0) return [];
        var lines = new List<DiffLine>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            if (end < 0) end = text.Length;
            var line = text[start..end];
            lines.Add(new DiffLine(DiffLineKind.Added, null, lines.Count + 1, line.EndsWith('\r') ? line[..^1] : line));
            start = next;
        }

        return [new DiffHunk(0, 0, 1, lines.Count, lines)];
    }

    /// <summary>The size of a blob from its header alone (0 for a submodule or a side that does not exist).</summary>
    private static long BlobSize(Repository repository, ObjectId id, Mode mode) =>
        mode is Mode.Nonexistent or Mode.GitLink || id == ObjectId.Zero ? 0 : repository.ObjectDatabase.RetrieveObjectMetadata(id).Size;

    /// <summary>
    /// A file whose old or new side is over the size limit: its header, no hunks and no text. The engine explains the
    /// limit from the size.
    /// </summary>
    private static ChangedFile Oversized(TreeEntryChanges change, long size)
    {
        var status = StatusOf(change.Status);
        var path = Normalize(change.Path);
        var oldPath = status is ChangeStatus.Renamed or ChangeStatus.Copied ? Normalize(change.OldPath) : null;
        var diff = new FileDiff(path, oldPath, status, []);
        return status == ChangeStatus.Deleted ? new ChangedFile(diff, null) : new ChangedFile(diff, "") { SizeBytes = size };
    }

    private static ChangeStatus StatusOf(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => ChangeStatus.Added,
        ChangeKind.Deleted => ChangeStatus.Deleted,
        ChangeKind.Renamed => ChangeStatus.Renamed,
        ChangeKind.Copied => ChangeStatus.Copied,
        ChangeKind.TypeChanged => ChangeStatus.TypeChanged,
        _ => ChangeStatus.Modified,
    };

    private static ChangedFile ToChangedFile(PatchEntryChanges entry, Commit head, FileLimits limits, List<Notice> notices, ReviewTimings? timings)
    {
        var diffing = timings?.Stage(DiffStage);
        var status = StatusOf(entry.Status);
        var path = Normalize(entry.Path);
        var oldPath = status is ChangeStatus.Renamed or ChangeStatus.Copied ? Normalize(entry.OldPath) : null;
        var submodule = entry.Mode == Mode.GitLink || (status == ChangeStatus.Deleted && entry.OldMode == Mode.GitLink);
        var hunks = entry.IsBinaryComparison || submodule ? [] : UnifiedDiffParser.ParseHunks(entry.Patch);
        var symbolicLink = status != ChangeStatus.Deleted && entry.Mode == Mode.SymbolicLink;
        var diff = new FileDiff(path, oldPath, status, hunks) { IsBinary = entry.IsBinaryComparison, IsSubmodule = submodule, IsSymbolicLink = symbolicLink };
        diffing?.Dispose();
        using var reading = timings?.Stage(BlobReadStage);

        if (status == ChangeStatus.Deleted || submodule || entry.IsBinaryComparison || symbolicLink)
        {
            return new ChangedFile(diff, null);
        }

        if (head[entry.Path]?.Target is not Blob blob) return new ChangedFile(diff, null);
        if (blob.Size > limits.MaxFileBytes)
        {
            // Not read at all: the engine explains the limit from the size.
            return new ChangedFile(diff, "") { SizeBytes = blob.Size };
        }

        if (SourceDecoder.DecodeText(GitSnapshot.ReadAll(blob), out var wasUtf8) is not { } text)
        {
            return new ChangedFile(diff with { IsBinary = true }, null) { SizeBytes = blob.Size };
        }

        if (!wasUtf8) notices.Add(NotUtf8(path));

        return new ChangedFile(diff, text) { SizeBytes = blob.Size, WasUtf8 = wasUtf8 };
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static string Short(Commit commit) => commit.Sha[..7];
}

/// <summary>A problem with the repository or its refs that the user can fix; its message says how.</summary>
public sealed class GitReviewException(string message) : Exception(message);
