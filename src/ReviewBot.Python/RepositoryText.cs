using ReviewBot.Engine.Analysis;

namespace ReviewBot.Python;

/// <summary>
/// The text of the repository's Python files, read once on first use and within the context limits
/// (<see cref="FileLimits.MaxContextFiles"/>, <see cref="FileLimits.MaxContextBytes"/>); the files under review are
/// taken as given rather than read again. Safe to share between threads.
/// </summary>
public sealed class RepositoryText
{
    private readonly bool _available;
    private readonly Lazy<Dictionary<string, List<string>>> _words;

    public RepositoryText(IRepositorySnapshot snapshot, FileLimits limits, IReadOnlyList<SourceFile>? reviewed = null)
    {
        _available = snapshot.AllPaths.Count > 0;
        _words = new Lazy<Dictionary<string, List<string>>>(
            () => IndexPrivateWords(Read(snapshot, limits, reviewed ?? [])), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static RepositoryText Empty { get; } = new(InMemorySnapshot.Empty, FileLimits.Default);

    /// <summary>False when the review has no repository around the changed files (nothing can be said about other files).</summary>
    public bool IsAvailable => _available;

    /// <summary>
    /// Whether any Python file other than <paramref name="path"/> contains the private identifier <paramref name="name"/>
    /// (it starts with <c>_</c>) as a whole word (in code, strings or comments). One hash lookup after the first call,
    /// which indexes the private identifiers of every file.
    /// </summary>
    public bool ContainsElsewhere(string path, string name)
    {
        if (!name.StartsWith('_')) throw new ArgumentException("Only private names (starting with '_') are indexed.", nameof(name));
        if (!_words.Value.TryGetValue(name, out var files)) return false;
        return files.Count > 1 || files[0] != path;
    }

    /// <summary>
    /// Calls <paramref name="onWord"/> for every identifier-like word of <paramref name="text"/> that starts with
    /// <c>_</c>, strings and comments included: the only words a private name can be.
    /// </summary>
    internal static void ForEachPrivateWord<TState>(string text, TState state, PrivateWordAction<TState> onWord)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetter(c) && c != '_')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            if (c == '_') onWord(text.AsSpan(start, i - start), state);
        }
    }

    internal delegate void PrivateWordAction<TState>(ReadOnlySpan<char> word, TState state);

    // private identifier -> the files it occurs in (each file once, in order).
    private static Dictionary<string, List<string>> IndexPrivateWords(List<(string Path, string Text)> files)
    {
        var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (path, text) in files)
        {
            ForEachPrivateWord(text, path, (word, file) =>
            {
                if (!lookup.TryGetValue(word, out var list))
                {
                    list = [];
                    lookup[word] = list;
                }

                if (list.Count == 0 || list[^1] != file) list.Add(file);
            });
        }

        return words;
    }

    private static List<(string, string)> Read(IRepositorySnapshot snapshot, FileLimits limits, IReadOnlyList<SourceFile> reviewed)
    {
        var given = new Dictionary<string, string>(reviewed.Count, StringComparer.Ordinal);
        foreach (var file in reviewed) given.TryAdd(file.Path, file.Text);
        var files = new List<(string, string)>();
        long bytes = 0;
        foreach (var path in snapshot.AllPaths)
        {
            if (!path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase)) continue;
            if (files.Count >= limits.MaxContextFiles || bytes >= limits.MaxContextBytes) break;
            var text = given.TryGetValue(path, out var known) ? known : snapshot.ReadText(path, limits.MaxFileBytes);
            if (text is null) continue;
            bytes += text.Length;
            files.Add((path, text));
        }

        return files;
    }
}
