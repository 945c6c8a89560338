using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Filtering;

/// <summary>Which findings a report keeps, as reviewdog's <c>-filter-mode</c>.</summary>
public enum FilterMode
{
    /// <summary>Findings on added or changed lines only (the default, and what inline comments use).</summary>
    Added,

    /// <summary>Findings on any line the diff shows, changed or context.</summary>
    DiffContext,

    /// <summary>Findings anywhere in a changed file.</summary>
    File,

    /// <summary>Every finding.</summary>
    NoFilter,
}

public static class FilterModes
{
    public static string Id(this FilterMode mode) => mode switch
    {
        FilterMode.Added => "added",
        FilterMode.DiffContext => "diff_context",
        FilterMode.File => "file",
        _ => "nofilter",
    };

    public static bool TryParse(string text, out FilterMode mode)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "added": mode = FilterMode.Added; return true;
            case "diff_context": mode = FilterMode.DiffContext; return true;
            case "file": mode = FilterMode.File; return true;
            case "nofilter": mode = FilterMode.NoFilter; return true;
            default: mode = default; return false;
        }
    }

    /// <summary>True when a finding with <paramref name="mark"/> is kept under <paramref name="mode"/>.</summary>
    public static bool Keeps(this FilterMode mode, DiffMark mark) => mode switch
    {
        FilterMode.Added => mark == DiffMark.AddedLine,
        FilterMode.DiffContext => mark <= DiffMark.DiffContext,
        FilterMode.File => mark <= DiffMark.ChangedFile,
        _ => true,
    };
}
