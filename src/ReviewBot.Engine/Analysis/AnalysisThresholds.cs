namespace ReviewBot.Engine.Analysis;

/// <summary>The configurable figures rules compare against (<c>thresholds:</c> in <c>.reviewbot.yml</c>).</summary>
public sealed record AnalysisThresholds
{
    /// <summary>Cyclomatic (McCabe) complexity above which a function is flagged.</summary>
    public int MaxComplexity { get; init; } = 10;

    /// <summary>Block nesting depth above which a statement is flagged.</summary>
    public int MaxNesting { get; init; } = 4;

    /// <summary>Body lines above which a function is flagged.</summary>
    public int MaxFunctionLines { get; init; } = 60;

    /// <summary>Assertions in one test above which the test is flagged.</summary>
    public int MaxTestAssertions { get; init; } = 8;

    /// <summary>Whether documentation rules also apply to test code.</summary>
    public bool DocumentTests { get; init; }
}
