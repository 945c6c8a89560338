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
    private readonly Lazy<Dictionary<string, List<string>>> _words;

    public RepositoryText(IRepositorySnapshot snapshot, FileLimits limits)
    {
        _available = snapshot.AllPaths.Count > 0;
        _files = new Lazy<IReadOnlyList<(string, string)>>(() => Read(snapshot, limits), LazyThreadSafetyMode.ExecutionAndPublication);
        var files = _files;
        _words = new Lazy<Dictionary<string, List<string>>>(() => IndexWords(files.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static RepositoryText Empty { get; } = new(InMemorySnapshot.Empty, FileLimits.Default);

    /// <summary>False when the review has no repository around the changed files (nothing can be said about other files).</summary>
    public bool IsAvailable => _available;

    /// <summary>
    /// Whether any Python file other than <paramref name="path"/> contains the identifier <paramref name="name"/> as a
    /// whole word (in code, strings or comments). One hash lookup after the first call, which indexes every file.
    /// </summary>
    public bool ContainsElsewhere(string path, string name)
    {
        if (!_words.Value.TryGetValue(name, out var files)) return false;
        return files.Count > 1 || files[0] != path;
    }

    // identifier -> the files it occurs in (each file once, in order).
    private static Dictionary<string, List<string>> IndexWords(IReadOnlyList<(string Path, string Text)> files)
    {
        var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (path, text) in files)
        {
            var i = 0;
            while (i < text.Length)
            {
                if (!char.IsLetter(text[i]) && text[i] != '_')
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text.AsSpan(start, i - start);
                if (!lookup.TryGetValue(word, out var list))
                {
                    list = [];
                    lookup[word] = list;
                }

                if (list.Count == 0 || list[^1] != path) list.Add(path);
            }
        }

        return words;
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
