using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Diff;

namespace ReviewBot.Engine.Tests.Review;

/// <summary>Builds changed files for engine tests.</summary>
internal static class TestChanges
{
    /// <summary>A modified file whose listed lines were added; the lines next to them are context.</summary>
    public static ChangedFile Modified(string path, string text, params int[] addedLines)
    {
        var lines = new Engine.Text.LineIndex(text);
        var hunkLines = new List<DiffLine>();
        for (var line = 1; line <= lines.Count; line++)
        {
            var near = addedLines.Any(a => Math.Abs(a - line) <= 3);
            if (!near) continue;
            hunkLines.Add(addedLines.Contains(line)
                ? new DiffLine(DiffLineKind.Added, null, line, lines.GetLine(line))
                : new DiffLine(DiffLineKind.Context, line, line, lines.GetLine(line)));
        }

        var hunk = new DiffHunk(1, 0, 1, hunkLines.Count, hunkLines);
        return new ChangedFile(new FileDiff(path, null, ChangeStatus.Modified, [hunk]), text);
    }

    public static ChangedFile Added(string path, string text)
    {
        var count = new Engine.Text.LineIndex(text).Count;
        var hunk = new DiffHunk(0, 0, 1, count, Enumerable.Range(1, count).Select(n => new DiffLine(DiffLineKind.Added, null, n, "")).ToList());
        return new ChangedFile(new FileDiff(path, null, ChangeStatus.Added, [hunk]), text);
    }
}
