namespace ReviewBot.Engine.Findings;

/// <summary>
/// One problem a rule found, in the neutral form every stage after analysis uses.
/// Lines and columns are 1-based; columns count UTF-16 code units, as editors and SARIF do.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required Category Category { get; init; }
    public required Severity Severity { get; init; }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public required string Path { get; init; }

    public required int StartLine { get; init; }
    public int StartColumn { get; init; } = 1;
    public int EndLine { get; init; }
    public int EndColumn { get; init; } = 1;

    /// <summary>A sentence that names what is wrong and how to fix it.</summary>
    public required string Message { get; init; }

    public Suggestion? Suggestion { get; init; }

    /// <summary>
    /// Set by the analyzer when the finding sits in test code and its rule lowers its severity there
    /// (<see cref="Rules.RuleDescriptor.TestCodeSeverity"/>): the summary's security verdict says so.
    /// </summary>
    public bool InTestCode { get; init; }

    /// <summary>Stable across unrelated edits: rule, path and the normalized text of the flagged line(s). Set by the engine.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Where the finding sits relative to the diff. Set by the engine's diff filter.</summary>
    public DiffMark Mark { get; init; } = DiffMark.AddedLine;

    /// <summary>The stable order of every report: path, line, column, rule id.</summary>
    public static IComparer<Finding> StableOrder { get; } = Comparer<Finding>.Create(static (a, b) =>
    {
        var c = string.CompareOrdinal(a.Path, b.Path);
        if (c == 0) c = a.StartLine.CompareTo(b.StartLine);
        if (c == 0) c = a.StartColumn.CompareTo(b.StartColumn);
        if (c == 0) c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0) c = string.CompareOrdinal(a.Message, b.Message);
        return c;
    });
}
