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

    [GeneratedRegex(@"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();

    private sealed class FileLines
    {
        public Dictionary<int, int> Right { get; } = [];
        public Dictionary<int, int> Left { get; } = [];
    }
}
