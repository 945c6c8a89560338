using System.Text;
using System.Text.RegularExpressions;

namespace ReviewBot.CSharp.Projects;

/// <summary>One <c>key = value</c> line of an analyzer config file, as written, with the file and line it is on.</summary>
internal sealed record AnalyzerConfigEntry(string Key, string Value, string File, int Line);

/// <summary>A <c>[glob]</c> section of an <c>.editorconfig</c>: the paths it applies to and its entries, in order.</summary>
internal sealed record AnalyzerConfigSection(Regex? Glob, IReadOnlyList<AnalyzerConfigEntry> Entries);

/// <summary>
/// An <c>.editorconfig</c> or global analyzer config (<c>.globalconfig</c>) read the way the C# compiler reads it:
/// <c>root = true</c> and <c>is_global = true</c> in the preamble, <c>[glob]</c> sections (a glob without a <c>/</c>
/// matches a file name in any folder below the file; one with a <c>/</c> is relative to the file's folder), keys
/// compared without case (kept as written, for <c>explain</c>), a trailing <c>#</c> or <c>;</c> comment dropped. Pull request text: lines and globs are bounded, and
/// globs are matched without backtracking.
/// </summary>
internal sealed partial class AnalyzerConfig
{
    public const int MaxLineLength = 4096;
    public const int MaxGlobLength = 500;

    private AnalyzerConfig(string path, bool isRoot, bool isGlobal, IReadOnlyList<AnalyzerConfigEntry> preamble, IReadOnlyList<AnalyzerConfigSection> sections)
    {
        Path = path;
        IsRoot = isRoot;
        IsGlobal = isGlobal;
        Preamble = preamble;
        Sections = sections;
    }

    /// <summary>The file, repository-relative.</summary>
    public string Path { get; }

    /// <summary><c>root = true</c>: no <c>.editorconfig</c> above this one applies.</summary>
    public bool IsRoot { get; }

    /// <summary><c>is_global = true</c>: its preamble applies to every file of the project.</summary>
    public bool IsGlobal { get; }

    public IReadOnlyList<AnalyzerConfigEntry> Preamble { get; }

    public IReadOnlyList<AnalyzerConfigSection> Sections { get; }

    /// <summary>The folder the file sits in, repository-relative ("" at the root).</summary>
    public string Folder => MsBuildPath.FolderOf(Path);

    public static AnalyzerConfig Parse(string path, string text)
    {
        var preamble = new List<AnalyzerConfigEntry>();
        var sections = new List<AnalyzerConfigSection>();
        List<AnalyzerConfigEntry>? current = null;
        var lineNumber = 0;
        var folder = MsBuildPath.FolderOf(path);
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            if (raw.Length > MaxLineLength) continue;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[')
            {
                var end = line.LastIndexOf(']');
                var name = end > 0 ? line[1..end] : "";
                current = [];
                sections.Add(new AnalyzerConfigSection(name.Length is > 0 and <= MaxGlobLength ? Glob(name, folder) : null, current));
                continue;
            }

            if (Entry(line, path, lineNumber) is { } entry) (current ?? preamble).Add(entry);
        }

        bool Says(string key) => preamble.Any(e => e.Key.Equals(key, StringComparison.OrdinalIgnoreCase) && e.Value.Equals("true", StringComparison.OrdinalIgnoreCase));
        return new AnalyzerConfig(path, Says("root"), Says("is_global"), preamble, sections);
    }

    /// <summary>A <c>key = value</c> (or <c>key: value</c>) line, its trailing comment dropped; null when it is not one.</summary>
    private static AnalyzerConfigEntry? Entry(string line, string path, int lineNumber)
    {
        var separator = line.IndexOfAny(['=', ':']);
        if (separator <= 0) return null;
        var key = line[..separator].Trim();
        if (!key.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-')) return null;
        var value = line[(separator + 1)..];
        if (value.IndexOfAny(['#', ';']) is var comment && comment >= 0) value = value[..comment];
        return new AnalyzerConfigEntry(key, value.Trim(), path, lineNumber);
    }

    /// <summary>The entries that apply to <paramref name="repositoryPath"/>, in the order they are read (later wins).</summary>
    public IEnumerable<AnalyzerConfigEntry> EntriesFor(string repositoryPath)
    {
        var prefix = Folder.Length == 0 ? "" : Folder + "/";
        if (!repositoryPath.StartsWith(prefix, StringComparison.Ordinal)) yield break;
        foreach (var section in Sections)
        {
            if (section.Glob is null || !section.Glob.IsMatch(repositoryPath)) continue;
            foreach (var entry in section.Entries) yield return entry;
        }
    }

    /// <summary>
    /// An EditorConfig glob as a regex over repository paths: <c>*</c>, <c>**</c>, <c>?</c>, <c>[...]</c>,
    /// <c>{a,b}</c> and <c>{1..3}</c>.
    /// </summary>
    internal static Regex? Glob(string glob, string folder)
    {
        var relative = glob.Contains('/', StringComparison.Ordinal);
        var body = glob.StartsWith('/') ? glob[1..] : glob;
        var pattern = new StringBuilder("^");
        if (folder.Length > 0) pattern.Append(Regex.Escape(folder + "/"));
        if (!relative) pattern.Append("(?:.*/)?");
        var braces = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            switch (c)
            {
                case '*' when i + 1 < body.Length && body[i + 1] == '*':
                    pattern.Append(".*");
                    i++;
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append("[^/]");
                    break;
                case '[':
                    i = AppendCharacterClass(body, i, pattern);
                    break;
                case '{' when NumericRangeEnd(body, i, pattern) is var end && end > 0:
                    i = end;
                    break;
                case '{':
                    braces++;
                    pattern.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    pattern.Append(')');
                    break;
                case ',' when braces > 0:
                    pattern.Append('|');
                    break;
                case '\\' when i + 1 < body.Length:
                    pattern.Append(Regex.Escape(body[++i].ToString()));
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braces != 0) return null;
        pattern.Append('$');
        try
        {
            // Non-backtracking: the pull request writes the glob.
            return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary><c>[abc]</c>, <c>[a-z]</c> or <c>[!0-9]</c> at <paramref name="start"/>, appended; the index of its <c>]</c> (a lone <c>[</c> is literal).</summary>
    private static int AppendCharacterClass(string body, int start, StringBuilder pattern)
    {
        var close = body.IndexOf(']', start + 1);
        if (close < 0)
        {
            pattern.Append(@"\[");
            return start;
        }

        var set = body[(start + 1)..close];
        var negated = set.StartsWith('!');
        if (negated) set = set[1..];
        pattern.Append('[').Append(negated ? "^" : "").Append(Regex.Escape(set).Replace(@"\-", "-", StringComparison.Ordinal).Replace("]", @"\]", StringComparison.Ordinal)).Append(']');
        return close;
    }

    /// <summary><c>{1..3}</c> at <paramref name="start"/>, appended as its numbers (at most 1,001 of them); the index of its <c>}</c>, or -1 when it is not a range.</summary>
    private static int NumericRangeEnd(string body, int start, StringBuilder pattern)
    {
        var end = body.IndexOf('}', start + 1);
        if (end < 0 || RangeRegex().Match(body[(start + 1)..end]) is not { Success: true } range
            || !int.TryParse(range.Groups[1].Value, out var low) || !int.TryParse(range.Groups[2].Value, out var high)
            || Math.Abs((long)high - low) > 1000)
        {
            return -1;
        }

        pattern.Append("(?:").Append(string.Join('|', Enumerable.Range(Math.Min(low, high), Math.Abs(high - low) + 1))).Append(')');
        return end;
    }

    [GeneratedRegex(@"^(-?\d+)\.\.(-?\d+)$")]
    private static partial Regex RangeRegex();
}
