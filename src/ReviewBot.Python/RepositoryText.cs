using System.Text.RegularExpressions;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Review;

namespace ReviewBot.Python;

/// <summary>
/// What the repository's other files say about a module's names: the private words of its Python, C, C++ and Cython
/// files, and, from its Python files only, the names they build from string prefixes, their classes' outlines and
/// bases, and what they import. Read once on first use and within the context limits
/// (<see cref="FileLimits.MaxContextFiles"/>, <see cref="FileLimits.MaxContextBytes"/>); the files under review are
/// taken as given rather than read again. Safe to share between threads.
/// </summary>
public sealed partial class RepositoryText
{
    private readonly bool _available;
    private readonly Lazy<Index> _index;

    public RepositoryText(IRepositorySnapshot snapshot, FileLimits limits, IReadOnlyList<SourceFile>? reviewed = null, ReviewTimings? timings = null)
    {
        _available = snapshot.AllPaths.Count > 0;
        _index = new Lazy<Index>(
            () =>
            {
                using var timing = timings?.Work("python: repository index (the other files)");
                return Index.Build(Read(snapshot, limits, reviewed ?? []));
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static RepositoryText Empty { get; } = new(InMemorySnapshot.Empty, FileLimits.Default);

    /// <summary>False when the review has no repository around the changed files (nothing can be said about other files).</summary>
    public bool IsAvailable => _available;

    /// <summary>
    /// Whether any Python, C, C++ or Cython file other than <paramref name="path"/> contains the private identifier
    /// <paramref name="name"/> (it starts with <c>_</c>) as a whole word (in code, strings or comments). One hash lookup
    /// after the first call, which indexes the private identifiers of every file.
    /// </summary>
    public bool ContainsElsewhere(string path, string name)
    {
        if (!name.StartsWith('_')) throw new ArgumentException("Only private names (starting with '_') are indexed.", nameof(name));
        return InAnotherFile(_index.Value.Words, path, name);
    }

    /// <summary>
    /// Whether a Python file other than <paramref name="path"/> builds a name from a string that <paramref name="name"/>
    /// starts with (<c>getattr(klass, "_get_" + name)</c>, <c>"_handle_%s" % kind</c>, <c>f"_visit_{kind}"</c>): a
    /// dispatch that may call it without spelling it.
    /// </summary>
    public bool DispatchedElsewhere(string path, string name)
    {
        var prefixes = _index.Value.DispatchPrefixes;
        return prefixes.Keys.Any(prefix => IsBuiltFrom(name, prefix) && InAnotherFile(prefixes, path, prefix));
    }

    /// <summary>Whether a name built from <paramref name="prefix"/> can be <paramref name="name"/>: it starts with it and goes on.</summary>
    internal static bool IsBuiltFrom(string name, string prefix) => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether a Python file other than <paramref name="path"/> imports <paramref name="name"/> from a module whose last
    /// segment is <paramref name="module"/> (<c>from pkg.log import LOG</c>, <c>from .log import (LOG, trace)</c>).
    /// </summary>
    public bool ImportedElsewhere(string path, string module, string name) => InAnotherFile(_index.Value.ImportedNames, path, module + ":" + name);

    /// <summary>
    /// The classes named <paramref name="className"/> in the repository's Python files (but <paramref name="exceptPath"/>,
    /// when given): their methods and bases.
    /// </summary>
    public IReadOnlyList<ClassOutline> ClassesNamed(string className, string? exceptPath = null) =>
        _index.Value.Classes.TryGetValue(className, out var classes) ? classes.Where(c => c.Path != exceptPath).ToList() : [];

    /// <summary>Whether a class in a Python file other than <paramref name="path"/> names <paramref name="className"/> as a base.</summary>
    public bool SubclassedElsewhere(string path, string className) => InAnotherFile(_index.Value.BaseNames, path, className);

    /// <summary>
    /// The string prefixes <paramref name="text"/> builds names from: a literal starting with <c>_</c> and at least
    /// three characters long, followed by <c>+</c>, a <c>%</c> placeholder or an f-string/format field.
    /// </summary>
    internal static IEnumerable<string> DispatchPrefixes(string text)
    {
        foreach (Match match in DispatchPrefixPattern().Matches(text)) yield return match.Groups["prefix"].Value;
    }

    // 'from a.b import (x, y as z)' -> "b:x", "b:y".
    private static IEnumerable<string> ImportedNames(string text)
    {
        foreach (Match match in FromImportPattern().Matches(text))
        {
            var module = match.Groups["module"].Value;
            module = module[(module.LastIndexOf('.') + 1)..];
            foreach (var part in match.Groups["names"].Value.Trim('(', ')').Split(','))
            {
                var name = part.Trim().Split(' ', 2)[0].Trim();
                if (name.Length > 0) yield return module + ":" + name;
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*from[ \t]+(?<module>[\w.]+)[ \t]+import[ \t]+(?<names>\([^)]*\)|[^\n#;]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FromImportPattern();

    [GeneratedRegex(@"(?<q>['""])(?<prefix>_[A-Za-z0-9_]{2,})(?:\k<q>\s*\+|%|\{)", RegexOptions.CultureInvariant)]
    private static partial Regex DispatchPrefixPattern();

    private static bool InAnotherFile(Dictionary<string, List<string>> index, string path, string key) =>
        index.TryGetValue(key, out var files) && (files.Count > 1 || files[0] != path);

    private static void Add(Dictionary<string, List<string>> index, string key, string file)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        if (list.Count == 0 || list[^1] != file) list.Add(file);
    }

    // Each key -> the files it occurs in (each file once, in order of reading).
    private sealed record Index(
        Dictionary<string, List<string>> Words,
        Dictionary<string, List<string>> DispatchPrefixes,
        Dictionary<string, List<string>> BaseNames,
        Dictionary<string, List<string>> ImportedNames,
        Dictionary<string, List<ClassOutline>> Classes)
    {
        public static Index Build(List<(string Path, string Text)> files)
        {
            var index = new Index(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
            IndexPrivateWords(index.Words, files);
            foreach (var (path, text) in files)
            {
                if (!IsPython(path)) continue;
                foreach (var prefix in RepositoryText.DispatchPrefixes(text)) Add(index.DispatchPrefixes, prefix, path);
                foreach (var imported in RepositoryText.ImportedNames(text)) Add(index.ImportedNames, imported, path);
                foreach (var (name, outline) in ClassOutlineReader.Read(path, text))
                {
                    if (!index.Classes.TryGetValue(name, out var outlines)) index.Classes[name] = outlines = [];
                    outlines.Add(outline);
                    foreach (var baseName in outline.Bases) Add(index.BaseNames, baseName, path);
                }
            }

            return index;
        }
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
    private static void IndexPrivateWords(Dictionary<string, List<string>> words, List<(string Path, string Text)> files)
    {
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
    }

    private static bool IsPython(string path) =>
        path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase);

    // C, C++ and Cython sources call Python functions by name ('PyObject_GetAttrString(module, "_strptime_time")'):
    // their words count as mentions, nothing else is read from them.
    private static bool IsNativeSource(string path) =>
        NativeExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] NativeExtensions = [".c", ".h", ".cc", ".cpp", ".hpp", ".pyx", ".pxd"];

    // Python files first: native sources only spend what the context limits leave after them, so a repository with
    // many C files (CPython's Include/ and Modules/ sort before Lib/) never crowds its Python files out.
    private static List<(string, string)> Read(IRepositorySnapshot snapshot, FileLimits limits, IReadOnlyList<SourceFile> reviewed)
    {
        var given = new Dictionary<string, string>(reviewed.Count, StringComparer.Ordinal);
        foreach (var file in reviewed) given.TryAdd(file.Path, file.Text);
        var files = new List<(string, string)>();
        long bytes = 0;
        foreach (var path in snapshot.AllPaths.Where(IsPython).Concat(snapshot.AllPaths.Where(IsNativeSource)))
        {
            if (files.Count >= limits.MaxContextFiles || bytes >= limits.MaxContextBytes) break;
            var text = given.TryGetValue(path, out var known) ? known : snapshot.ReadText(path, limits.MaxFileBytes);
            if (text is null) continue;
            bytes += text.Length;
            files.Add((path, text));
        }

        return files;
    }
}
