using System.Globalization;
using System.Text;

namespace ReviewBot.Engine.Diff;

/// <summary>
/// Parses unified diff text: the whole output of <c>git diff</c> (many files, with git's extended headers), or the
/// hunks of one file alone (the <c>patch</c> field of GitHub's pull-request files API).
/// </summary>
public static class UnifiedDiffParser
{
    /// <summary>Parses the hunks of one file's patch; text before the first <c>@@</c> is ignored.</summary>
    public static IReadOnlyList<DiffHunk> ParseHunks(string patch)
    {
        var reader = new LineReader(patch);
        var hunks = new List<DiffHunk>();
        while (reader.Peek() is { } line)
        {
            if (line.StartsWith("@@", StringComparison.Ordinal)) hunks.Add(ReadHunk(reader));
            else reader.Next();
        }

        return hunks;
    }

    /// <summary>Parses multi-file <c>git diff</c> output (with or without <c>diff --git</c> headers).</summary>
    public static IReadOnlyList<FileDiff> Parse(string diff)
    {
        var reader = new LineReader(diff);
        var files = new List<FileDiff>();
        while (reader.Peek() is { } line)
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal) || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                files.Add(ReadFile(reader));
            }
            else
            {
                reader.Next();
            }
        }

        return files;
    }

    private static FileDiff ReadFile(LineReader reader)
    {
        string? oldPath = null, newPath = null;
        var status = ChangeStatus.Modified;
        bool binary = false, submodule = false, symbolicLink = false;
        var first = reader.Next()!;
        if (first.StartsWith("diff --git ", StringComparison.Ordinal))
        {
            (oldPath, newPath) = SplitGitHeaderPaths(first["diff --git ".Length..]);
        }
        else
        {
            // A plain unified diff starts at "--- ": hand the line back to the header loop.
            reader.PushBack(first);
        }

        while (reader.Peek() is { } line && !line.StartsWith("@@", StringComparison.Ordinal) && !line.StartsWith("diff --git ", StringComparison.Ordinal))
        {
            reader.Next();
            if (line.StartsWith("new file mode", StringComparison.Ordinal))
            {
                status = ChangeStatus.Added;
                submodule |= line.EndsWith("160000", StringComparison.Ordinal);
                symbolicLink |= line.EndsWith("120000", StringComparison.Ordinal);
            }
            else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
            {
                status = ChangeStatus.Deleted;
                submodule |= line.EndsWith("160000", StringComparison.Ordinal);
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal)) { oldPath = Unquote(line["rename from ".Length..]); status = ChangeStatus.Renamed; }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal)) { newPath = Unquote(line["rename to ".Length..]); status = ChangeStatus.Renamed; }
            else if (line.StartsWith("copy from ", StringComparison.Ordinal)) { oldPath = Unquote(line["copy from ".Length..]); status = ChangeStatus.Copied; }
            else if (line.StartsWith("copy to ", StringComparison.Ordinal)) { newPath = Unquote(line["copy to ".Length..]); status = ChangeStatus.Copied; }
            else if (line.StartsWith("new mode ", StringComparison.Ordinal) && line.EndsWith("120000", StringComparison.Ordinal))
            {
                status = ChangeStatus.TypeChanged;
                symbolicLink = true;
            }
            else if (line.StartsWith("index ", StringComparison.Ordinal)) submodule |= line.EndsWith(" 160000", StringComparison.Ordinal);
            else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal)) binary = true;
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var path = StripPrefix(Unquote(TrimTimestamp(line[4..])), "a/");
                if (path == "/dev/null") status = ChangeStatus.Added;
                else oldPath ??= path;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                var path = StripPrefix(Unquote(TrimTimestamp(line[4..])), "b/");
                if (path == "/dev/null") status = ChangeStatus.Deleted;
                else newPath = path;
            }
        }

        var hunks = new List<DiffHunk>();
        while (reader.Peek() is { } line && line.StartsWith("@@", StringComparison.Ordinal)) hunks.Add(ReadHunk(reader));

        var path2 = status == ChangeStatus.Deleted ? oldPath ?? newPath : newPath ?? oldPath;
        var previous = status is ChangeStatus.Renamed or ChangeStatus.Copied ? oldPath : status == ChangeStatus.Added ? null : oldPath;
        return new FileDiff(path2 ?? "", previous, status, hunks) { IsBinary = binary, IsSubmodule = submodule, IsSymbolicLink = symbolicLink && status != ChangeStatus.Deleted };
    }

    private static DiffHunk ReadHunk(LineReader reader)
    {
        var header = reader.Next()!;
        var (oldStart, oldCount, newStart, newCount, section) = ParseHunkHeader(header);
        var lines = new List<DiffLine>();
        int oldLine = oldStart, newLine = newStart;
        if (oldCount == 0) oldLine++;
        if (newCount == 0) newLine++;
        int oldLeft = oldCount, newLeft = newCount;
        while ((oldLeft > 0 || newLeft > 0) && reader.Peek() is { } line)
        {
            if (line.Length == 0)
            {
                // Some tools strip the single space of an empty context line.
                reader.Next();
                lines.Add(new DiffLine(DiffLineKind.Context, oldLine++, newLine++, ""));
                oldLeft--; newLeft--;
                continue;
            }

            switch (line[0])
            {
                case ' ':
                    lines.Add(new DiffLine(DiffLineKind.Context, oldLine++, newLine++, line[1..]));
                    oldLeft--; newLeft--;
                    break;
                case '+':
                    lines.Add(new DiffLine(DiffLineKind.Added, null, newLine++, line[1..]));
                    newLeft--;
                    break;
                case '-':
                    lines.Add(new DiffLine(DiffLineKind.Deleted, oldLine++, null, line[1..]));
                    oldLeft--;
                    break;
                case '\\':
                    break; // "\ No newline at end of file" describes the line before it.
                default:
                    return new DiffHunk(oldStart, oldCount, newStart, newCount, lines) { Section = section };
            }

            reader.Next();
        }

        // A trailing "\ No newline at end of file" belongs to this hunk.
        while (reader.Peek() is { } marker && marker.StartsWith('\\')) reader.Next();
        return new DiffHunk(oldStart, oldCount, newStart, newCount, lines) { Section = section };
    }

    /// <summary>Parses <c>@@ -a[,b] +c[,d] @@ section</c>; an omitted count is 1.</summary>
    public static (int OldStart, int OldCount, int NewStart, int NewCount, string Section) ParseHunkHeader(string header)
    {
        var end = header.IndexOf("@@", 2, StringComparison.Ordinal);
        if (!header.StartsWith("@@ ", StringComparison.Ordinal) || end < 0) throw new FormatException($"Not a hunk header: {header}");
        var ranges = header[3..end].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (ranges.Length != 2 || ranges[0][0] != '-' || ranges[1][0] != '+') throw new FormatException($"Not a hunk header: {header}");
        var (oldStart, oldCount) = ParseRange(ranges[0][1..]);
        var (newStart, newCount) = ParseRange(ranges[1][1..]);
        return (oldStart, oldCount, newStart, newCount, header[(end + 2)..].Trim());
    }

    private static (int Start, int Count) ParseRange(string range)
    {
        var comma = range.IndexOf(',');
        return comma < 0
            ? (int.Parse(range, CultureInfo.InvariantCulture), 1)
            : (int.Parse(range[..comma], CultureInfo.InvariantCulture), int.Parse(range[(comma + 1)..], CultureInfo.InvariantCulture));
    }

    private static (string? Old, string? New) SplitGitHeaderPaths(string rest)
    {
        // "a/x b/y", where either may be quoted; unquoted paths with spaces are split at " b/".
        if (rest.StartsWith('"'))
        {
            var close = ClosingQuote(rest);
            var first = Unquote(rest[..(close + 1)]);
            var second = Unquote(rest[(close + 1)..].Trim());
            return (StripPrefix(first, "a/"), StripPrefix(second, "b/"));
        }

        if (rest.EndsWith('"'))
        {
            var open = rest.LastIndexOf(" \"", StringComparison.Ordinal);
            return (StripPrefix(rest[..open], "a/"), StripPrefix(Unquote(rest[(open + 1)..]), "b/"));
        }

        var middle = rest.IndexOf(" b/", StringComparison.Ordinal);
        return middle < 0 ? (null, null) : (StripPrefix(rest[..middle], "a/"), rest[(middle + 3)..]);
    }

    private static int ClosingQuote(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }

        return text.Length - 1;
    }

    private static string TrimTimestamp(string path)
    {
        var tab = path.IndexOf('\t');
        return tab < 0 ? path : path[..tab];
    }

    private static string StripPrefix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    /// <summary>Undoes git's C-style quoting of paths (<c>"t\303\251st.cs"</c>).</summary>
    public static string Unquote(string path)
    {
        if (path.Length < 2 || path[0] != '"' || path[^1] != '"') return path;
        var bytes = new List<byte>();
        for (var i = 1; i < path.Length - 1; i++)
        {
            var c = path[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            var next = path[++i];
            if (next is >= '0' and <= '7' && i + 2 < path.Length)
            {
                bytes.Add((byte)Convert.ToInt32(path.Substring(i, 3), 8));
                i += 2;
                continue;
            }

            bytes.Add(next switch
            {
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'r' => (byte)'\r',
                'a' => 7,
                'b' => 8,
                'f' => 12,
                'v' => 11,
                _ => (byte)next,
            });
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private sealed class LineReader(string text)
    {
        private int _position;
        private string? _pushedBack;

        public string? Peek()
        {
            if (_pushedBack is not null) return _pushedBack;
            if (_position >= text.Length) return null;
            var end = text.IndexOf('\n', _position);
            var line = end < 0 ? text[_position..] : text[_position..end];
            return line.EndsWith('\r') ? line[..^1] : line;
        }

        public string? Next()
        {
            if (_pushedBack is { } back)
            {
                _pushedBack = null;
                return back;
            }

            var line = Peek();
            if (line is null) return null;
            var end = text.IndexOf('\n', _position);
            _position = end < 0 ? text.Length : end + 1;
            return line;
        }

        public void PushBack(string line) => _pushedBack = line;
    }
}
