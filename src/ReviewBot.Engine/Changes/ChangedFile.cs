using ReviewBot.Engine.Diff;

namespace ReviewBot.Engine.Changes;

/// <summary>
/// One file of a change, as the analysis stage receives it: where it is, what happened to it, its text at head and
/// which of its lines the change touched.
/// </summary>
public sealed class ChangedFile
{
    public ChangedFile(FileDiff diff, string? text)
    {
        Diff = diff;
        Text = text;
    }

    /// <summary>The path at head (the new path of a rename), repository-relative with forward slashes.</summary>
    public string Path => Diff.Path;

    /// <summary>The path at the base when it differs (renames and copies).</summary>
    public string? OldPath => Diff.OldPath;

    public ChangeStatus Status => Diff.Status;

    public FileDiff Diff { get; }

    /// <summary>Added and context lines of the new side.</summary>
    public LineMap Lines => Diff.Lines;

    /// <summary>The decoded text at head; null when deleted, binary, a submodule or too large to read.</summary>
    public string? Text { get; }

    /// <summary>The blob's size in bytes at head, when known.</summary>
    public long SizeBytes { get; init; }

    /// <summary>False when the bytes were not valid UTF-8 and were read as Latin-1.</summary>
    public bool WasUtf8 { get; init; } = true;

    public bool IsBinary => Diff.IsBinary;

    public bool IsSubmodule => Diff.IsSubmodule;

    public bool IsSymbolicLink => Diff.IsSymbolicLink;

    public override string ToString() => $"{Status} {Path}";
}
