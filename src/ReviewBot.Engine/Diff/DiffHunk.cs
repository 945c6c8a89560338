namespace ReviewBot.Engine.Diff;

/// <summary>The kind of a line inside a hunk.</summary>
public enum DiffLineKind
{
    Context,
    Added,
    Deleted,
}

/// <summary>One line of a hunk with its numbers on each side (null on the side it does not exist on).</summary>
public readonly record struct DiffLine(DiffLineKind Kind, int? OldLine, int? NewLine, string Text);

/// <summary>
/// A hunk: <c>@@ -OldStart,OldCount +NewStart,NewCount @@</c> and its lines. A side of length zero has start equal to the
/// line before the hunk (0 at the top of the file), as git writes it.
/// </summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    /// <summary>The text after the second <c>@@</c> (often the enclosing function).</summary>
    public string Section { get; init; } = "";
}
