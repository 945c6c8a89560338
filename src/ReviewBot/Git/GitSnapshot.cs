using LibGit2Sharp;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Config;
using ReviewBot.Engine.Rules;
using ReviewBot.Engine.Text;

namespace ReviewBot.Git;

/// <summary>The files of one commit, read from the object database (no work tree needed; works on bare repositories).</summary>
internal sealed class GitSnapshot(Commit commit) : IRepositorySnapshot
{
    private readonly Lock _lock = new();
    private IReadOnlyList<string>? _paths;

    public IReadOnlyList<string> AllPaths
    {
        get
        {
            lock (_lock)
            {
                return _paths ??= List(commit.Tree, "").ToList();
            }
        }
    }

    /// <summary>
    /// <c>.reviewbot.yml</c> at the root of <paramref name="commit"/>; null when there is none. A file over the size limit
    /// is refused from its size, without being read.
    /// </summary>
    public static ConfigLoadResult? ReadConfig(Commit commit, RuleCatalog catalog) =>
        commit[ReviewConfigLoader.FileName]?.Target is Blob blob
            ? ReviewConfigLoader.Load(blob.Size, () => SourceDecoder.Decode(ReadAll(blob), out _), ReviewConfigLoader.FileName, catalog)
            : null;

    public string? ReadText(string path, long maxBytes)
    {
        // libgit2 objects are not safe to share across threads; analyzers read in parallel.
        lock (_lock)
        {
            if (commit[path]?.Target is not Blob blob || blob.Size > maxBytes) return null;
            var bytes = ReadAll(blob);
            return SourceDecoder.DecodeText(bytes, out _);
        }
    }

    internal static byte[] ReadAll(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream((int)Math.Min(blob.Size, int.MaxValue));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static IEnumerable<string> List(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Blob:
                    yield return prefix + entry.Name;
                    break;
                case TreeEntryTargetType.Tree:
                    foreach (var path in List((Tree)entry.Target, prefix + entry.Name + "/")) yield return path;
                    break;
            }
        }
    }
}
