using ReviewBot.Engine.Analysis;

namespace ReviewBot.Python;

/// <summary>
/// The text of the repository's other Python files, read once on first use and within the context limits
/// (<see cref="FileLimits.MaxContextFiles"/>, <see cref="FileLimits.MaxContextBytes"/>). Safe to share between threads.
/// </summary>
public sealed class RepositoryText
{
    private readonly Lazy<IReadOnlyList<(string Path, string Text)>> _files;
    private readonly bool _available;

    public RepositoryText(IRepositorySnapshot snapshot, FileLimits limits)
    {
        _available = snapshot.AllPaths.Count > 0;
        _files = new Lazy<IReadOnlyList<(string, string)>>(() => Read(snapshot, limits), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static RepositoryText Empty { get; } = new(InMemorySnapshot.Empty, FileLimits.Default);

    /// <summary>False when the review has no repository around the changed files (nothing can be said about other files).</summary>
    public bool IsAvailable => _available;

    /// <summary>Whether any Python file other than <paramref name="path"/> contains <paramref name="text"/>.</summary>
    public bool ContainsElsewhere(string path, string text)
    {
        foreach (var (other, content) in _files.Value)
        {
            if (other != path && content.Contains(text, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static List<(string, string)> Read(IRepositorySnapshot snapshot, FileLimits limits)
    {
        var files = new List<(string, string)>();
        long bytes = 0;
        foreach (var path in snapshot.AllPaths)
        {
            if (!path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase)) continue;
            if (files.Count >= limits.MaxContextFiles || bytes >= limits.MaxContextBytes) break;
            var text = snapshot.ReadText(path, limits.MaxFileBytes);
            if (text is null) continue;
            bytes += text.Length;
            files.Add((path, text));
        }

        return files;
    }
}
