using ReviewBot.Engine.Changes;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Filtering;

/// <summary>
/// Marks each finding with where it sits relative to the change (a pure function; nothing is dropped here).
/// A finding is placed by its start line: that is the line an inline comment would sit on.
/// </summary>
public static class DiffFilter
{
    public static IReadOnlyList<Finding> Mark(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, ChangedFile> filesByPath)
    {
        var result = new Finding[findings.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            var mark = filesByPath.TryGetValue(finding.Path, out var file) ? file.Lines.Mark(finding.StartLine) : DiffMark.Outside;
            result[i] = finding with { Mark = mark };
        }

        return result;
    }
}
