namespace ReviewBot.Engine.Findings;

/// <summary>
/// Where a finding sits relative to the change. The filter marks findings instead of dropping them, so each
/// publisher decides what a mark allows (an inline comment needs <see cref="AddedLine"/> or <see cref="DiffContext"/>).
/// Ordered from closest to the change to farthest.
/// </summary>
public enum DiffMark
{
    /// <summary>The finding's start line was added or changed by the change.</summary>
    AddedLine = 0,

    /// <summary>The finding's start line is an unchanged line shown in a hunk of the diff.</summary>
    DiffContext = 1,

    /// <summary>The file changed, but the finding's line is outside every hunk.</summary>
    ChangedFile = 2,

    /// <summary>The finding is in a file the change did not touch.</summary>
    Outside = 3,
}
