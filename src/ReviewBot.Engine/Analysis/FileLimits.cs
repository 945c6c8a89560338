namespace ReviewBot.Engine.Analysis;

/// <summary>
/// Bounds on what a change controls, so a hostile pull request cannot hang or crash the review. A file over a limit is
/// not analyzed and gets a notice; the rest of the review goes on.
/// </summary>
public sealed record FileLimits
{
    /// <summary>Changed files analyzed in one review; GitHub itself lists at most 3,000 files of a pull request.</summary>
    public int MaxFiles { get; init; } = 3000;

    /// <summary>Bytes of one file.</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Characters of one line: longer lines mean minified or generated code.</summary>
    public int MaxLineLength { get; init; } = 5000;

    /// <summary>Syntax nesting depth the parsers accept before giving up on a file.</summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>Wall-clock time for analyzing one batch of a language before the rest of it is abandoned.</summary>
    public TimeSpan AnalysisTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Unchanged files read as context for one review (C# semantic model).</summary>
    public int MaxContextFiles { get; init; } = 2000;

    /// <summary>Total bytes of unchanged files read as context for one review.</summary>
    public long MaxContextBytes { get; init; } = 32L * 1024 * 1024;

    public static FileLimits Default { get; } = new();
}
