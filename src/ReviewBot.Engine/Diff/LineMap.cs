using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Diff;

/// <summary>
/// The new side of one file's diff as sets of line numbers: lines added (or changed), and unchanged lines that the
/// diff shows as context. GitHub accepts review comments on exactly the union of the two (on the RIGHT side).
/// </summary>
public sealed class LineMap
{
    private readonly HashSet<int> _added;
    private readonly HashSet<int> _context;

    public LineMap(IEnumerable<int> added, IEnumerable<int> context)
    {
        _added = [.. added];
        _context = [.. context];
        _context.ExceptWith(_added);
    }

    /// <summary>A map for a file whose every line of <paramref name="lineCount"/> is new.</summary>
    public static LineMap AllAdded(int lineCount) => new(Enumerable.Range(1, Math.Max(0, lineCount)), []);

    public static LineMap FromHunks(IEnumerable<DiffHunk> hunks)
    {
        var added = new List<int>();
        var context = new List<int>();
        foreach (var line in hunks.SelectMany(h => h.Lines))
        {
            if (line.NewLine is not { } number) continue;
            (line.Kind == DiffLineKind.Added ? added : context).Add(number);
        }

        return new LineMap(added, context);
    }

    public IReadOnlySet<int> AddedLines => _added;

    public IReadOnlySet<int> ContextLines => _context;

    /// <summary>True when a review comment may be placed on <paramref name="line"/> of the new side.</summary>
    public bool IsInDiff(int line) => _added.Contains(line) || _context.Contains(line);

    /// <summary>Where <paramref name="line"/> sits relative to this file's change.</summary>
    public DiffMark Mark(int line) =>
        _added.Contains(line) ? DiffMark.AddedLine : _context.Contains(line) ? DiffMark.DiffContext : DiffMark.ChangedFile;
}
