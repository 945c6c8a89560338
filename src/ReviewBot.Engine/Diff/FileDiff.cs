namespace ReviewBot.Engine.Diff;

/// <summary>One file's entry of a diff: paths, status and hunks.</summary>
public sealed record FileDiff(string Path, string? OldPath, ChangeStatus Status, IReadOnlyList<DiffHunk> Hunks)
{
    private LineMap? _lines;

    /// <summary>Git could not show a text diff (<c>Binary files ... differ</c>).</summary>
    public bool IsBinary { get; init; }

    /// <summary>The entry is a submodule (gitlink, mode 160000).</summary>
    public bool IsSubmodule { get; init; }

    /// <summary>The entry is a symbolic link (mode 120000): its blob is the link's target, which is never followed.</summary>
    public bool IsSymbolicLink { get; init; }

    public LineMap Lines => _lines ??= LineMap.FromHunks(Hunks);
}
