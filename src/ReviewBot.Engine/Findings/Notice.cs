namespace ReviewBot.Engine.Findings;

/// <summary>Why a notice was raised.</summary>
public enum NoticeKind
{
    /// <summary>The file was not analyzed on purpose (deleted, binary, submodule, excluded, no analyzer).</summary>
    Skipped,

    /// <summary>The file exceeded a limit (size, line length, nesting, time) and was not analyzed, or only in part.</summary>
    LimitExceeded,

    /// <summary>The file could not be parsed.</summary>
    ParseError,

    /// <summary>The configuration had a problem; defaults were used for that part.</summary>
    Configuration,

    /// <summary>An analyzer failed on the file; the rest of the review went on.</summary>
    AnalyzerFailure,
}

/// <summary>
/// Something the user should know about the review itself, rather than about the code: a file skipped, a limit hit,
/// a parse error. Reports show notices; they never fail a review.
/// </summary>
public sealed record Notice(NoticeKind Kind, string? Path, string Message)
{
    public int? Line { get; init; }
    public int? Column { get; init; }

    /// <summary>True for notices that the user should act on (parse errors, limits, bad configuration).</summary>
    public bool IsWarning => Kind is not NoticeKind.Skipped;
}
