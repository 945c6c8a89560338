using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Tests.FakeGitHub;

/// <summary>
/// The fake's own reading of a pull request's diff (<c>git diff base...head</c>, three dots, as GitHub shows it),
/// written independently of the engine's parser so that the fake checks our code rather than agreeing with it.
/// For each file: the lines of each side that the diff shows, and the hunk each belongs to.
/// </summary>
internal sealed partial class PullRequestDiff
{
    private readonly Dictionary<string, FileLines> _files = new(StringComparer.Ordinal);

    private PullRequestDiff()
    {
    }

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public static PullRequestDiff Compute(string bareRepository, string baseSha, string headSha)
    {
        var text = GitCli.Run(bareRepository, "diff", "--no-color", "--no-ext-diff", "-M", "-U3", $"{baseSha}...{headSha}");
        return Parse(text);
    }

    public static PullRequestDiff Parse(string text)
    {
        var diff = new PullRequestDiff();
        FileLines? current = null;
        int oldLine = 0, newLine = 0, hunk = -1;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                current = null;
                hunk = -1;
                continue;
            }

            if (line.StartsWith("+++ ", StringComparison.Ordinal) && hunk < 0)
            {
                var path = line[4..];
                if (path != "/dev/null")
                {
                    current = new FileLines();
                    diff._files[path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path] = current;
                }

                continue;
            }

            if (line.StartsWith("--- ", StringComparison.Ordinal) && hunk < 0) continue;

            var header = HunkHeader().Match(line);
            if (header.Success)
            {
                hunk++;
                oldLine = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                newLine = int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture);
                continue;
            }

            if (current is null || hunk < 0 || line.Length == 0) continue;
            switch (line[0])
            {
                case '+':
                    current.Right[newLine++] = hunk;
                    break;
                case '-':
                    current.Left[oldLine++] = hunk;
                    break;
                case ' ':
                    current.Right[newLine++] = hunk;
                    current.Left[oldLine++] = hunk;
                    break;
            }
        }

        return diff;
    }

    /// <summary>
    /// Null when GitHub would accept a comment on <paramref name="line"/> (and <paramref name="startLine"/> for a
    /// range) of <paramref name="path"/>; otherwise the error GitHub gives.
    /// </summary>
    public string? Validate(string path, int line, string side, int? startLine, string? startSide)
    {
        if (!_files.TryGetValue(path, out var file)) return "Path could not be resolved";
        var lines = side == "LEFT" ? file.Left : file.Right;
        if (!lines.TryGetValue(line, out var hunk)) return "Line could not be resolved";
        if (startLine is not { } start) return null;
        if (start >= line) return "start_line must precede line";
        var startLines = (startSide ?? side) == "LEFT" ? file.Left : file.Right;
        if (!startLines.TryGetValue(start, out var startHunk)) return "Start line could not be resolved";
        return startHunk == hunk ? null : "start_line and line must be part of the same hunk";
    }

    /// <summary>
    /// The files of the diff as GitHub's pulls files API describes them, in git's order: for each, its path, status,
    /// previous path (renamed), blob sha, counts, and its patch (the hunks alone, from the first <c>@@</c>; null for a
    /// binary file).
    /// </summary>
    public static IReadOnlyList<DiffEntry> ListFiles(string bareRepository, string baseSha, string headSha)
    {
        var text = GitCli.Run(bareRepository, "diff", "--no-color", "--no-ext-diff", "--full-index", "-M", "-U3", $"{baseSha}...{headSha}");
        var entries = new List<DiffEntry>();
        var blocks = ("\n" + text).Split("\ndiff --git ", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n');
            var header = lines[0];
            var middle = header.IndexOf(" b/", StringComparison.Ordinal);
            string oldPath = middle < 0 ? header : header[..middle], newPath = middle < 0 ? header : header[(middle + 3)..];
            if (oldPath.StartsWith("a/", StringComparison.Ordinal)) oldPath = oldPath[2..];
            var status = "modified";
            string? sha = null;
            var hunkStart = -1;
            for (var i = 1; i < lines.Length && hunkStart < 0; i++)
            {
                var line = lines[i];
                if (line.StartsWith("new file mode", StringComparison.Ordinal)) status = "added";
                else if (line.StartsWith("deleted file mode", StringComparison.Ordinal)) status = "removed";
                else if (line.StartsWith("rename from ", StringComparison.Ordinal)) { oldPath = line["rename from ".Length..]; status = "renamed"; }
                else if (line.StartsWith("rename to ", StringComparison.Ordinal)) newPath = line["rename to ".Length..];
                else if (line.StartsWith("index ", StringComparison.Ordinal))
                {
                    var ids = line["index ".Length..].Split(' ')[0].Split("..");
                    sha = ids.Length == 2 ? ids[1] : null;
                }
                else if (line.StartsWith("@@", StringComparison.Ordinal)) hunkStart = i;
            }

            var hunkLines = hunkStart < 0 ? [] : lines[hunkStart..];
            var patch = hunkStart < 0 ? null : string.Join('\n', hunkLines).TrimEnd('\n');
            var additions = hunkLines.Count(l => l.StartsWith('+'));
            var deletions = hunkLines.Count(l => l.StartsWith('-'));
            entries.Add(new DiffEntry(
                status == "removed" ? oldPath : newPath,
                status == "renamed" ? oldPath : null,
                status,
                sha is null || sha.All(c => c == '0') ? null : sha,
                additions,
                deletions,
                patch));
        }

        return entries;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();

    private sealed class FileLines
    {
        public Dictionary<int, int> Right { get; } = [];
        public Dictionary<int, int> Left { get; } = [];
    }
}

/// <summary>One file of a pull request's diff, as GitHub's pulls files API lists it (a "Diff Entry").</summary>
internal sealed record DiffEntry(string Path, string? PreviousPath, string Status, string? Sha, int Additions, int Deletions, string? Patch);
