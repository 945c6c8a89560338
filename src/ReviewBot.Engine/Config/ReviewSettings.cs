using System.Globalization;
using System.Text;
using ReviewBot.Engine.Analysis;
using ReviewBot.Engine.Findings;

namespace ReviewBot.Engine.Config;

/// <summary>
/// One key of <c>.reviewbot.yml</c>: its dotted name (<c>thresholds.complexity</c>; <c>&lt;...&gt;</c> stands for a
/// name the user picks), the kind of value, the default, the values accepted, and what it does.
/// </summary>
public sealed record SettingDefinition(string Key, string Type, string Default, string Accepts, string Doc)
{
    /// <summary>The smallest whole number accepted, for number settings.</summary>
    public int Min { get; init; }

    /// <summary>The largest whole number accepted, for number settings.</summary>
    public int Max { get; init; }

    /// <summary>The first segment: the key as written at the top of the file.</summary>
    public string TopLevelKey => Key.Split('.')[0];

    /// <summary>What a notice about a bad value says was expected: the accepted values as a phrase, unless set.</summary>
    public string Expected
    {
        get => _expected ?? (Max > 0 ? $"a whole number from {Min} to {Max}" : OrList(Accepts));
        init => _expected = value;
    }

    private readonly string? _expected;

    // "a, b, c" -> "a, b or c".
    private static string OrList(string values)
    {
        var last = values.LastIndexOf(", ", StringComparison.Ordinal);
        return last < 0 ? values : values[..last] + " or " + values[(last + 2)..];
    }
}

/// <summary>
/// Every setting of <c>.reviewbot.yml</c>, defined once: the loader reads by it, the rule pages cite keys from it
/// (<c>&lt;setting&gt;thresholds.complexity&lt;/setting&gt;</c> in a rule's doc comment), and the README's table is
/// generated from it (<c>reviewbot settings</c>).
/// </summary>
public static class ReviewSettings
{
    private static readonly AnalysisThresholds Thresholds = new();

    public static SettingDefinition Exclude { get; } = new(
        "exclude", "list of path globs", "none", $"up to {ReviewConfigLoader.MaxExcludeGlobs} globs of up to {ReviewConfigLoader.MaxGlobLength} characters",
        "Paths never reviewed. A pattern without `/` matches a name anywhere, one with `/` is anchored at the root, `dir/` is everything under dir.")
    { Expected = "a list of path globs" };

    public static SettingDefinition Filter { get; } = new(
        "filter", "choice", "added", "added, diff_context, file, nofilter",
        "Which findings are reported: on added lines, also on the context lines the diff shows, anywhere in the changed files, or all.");

    public static SettingDefinition MaxInlineComments { get; } = new(
        "max_inline_comments", "whole number", Number(ReviewConfig.Default.MaxInlineComments), "0 to 1000",
        "Inline comments in one GitHub review; the rest are listed in the summary.")
    { Min = 0, Max = 1000 };

    public static SettingDefinition FailOn { get; } = new(
        "fail_on", "choice", "error", "none, error, warning",
        "The lowest severity that fails the review: the exit code of `reviewbot review` and the check run's conclusion.");

    public static SettingDefinition Categories { get; } = new(
        "categories.<category>", "on or off", "on", "on, off",
        $"Turns a whole category of rules off (`categories: {{documentation: off}}`); the categories are {string.Join(", ", CategoryNames.AllIds)}.");

    public static SettingDefinition Rules { get; } = new(
        "rules.<RULE-ID>", "on, off or a severity", "on, at the rule's severity", "on, off, error, warning, note",
        "Turns one rule on or off, or sets its severity (a severity implies on); wins over `categories` and the repository's own severities.");

    public static SettingDefinition Complexity { get; } = Threshold(
        "complexity", Thresholds.MaxComplexity, "Cyclomatic (McCabe) complexity above which a function is reported.");

    public static SettingDefinition Nesting { get; } = Threshold(
        "nesting", Thresholds.MaxNesting, "Block nesting depth above which a function is reported.");

    public static SettingDefinition FunctionLines { get; } = Threshold(
        "function_lines", Thresholds.MaxFunctionLines, "Lines of a function's body above which it is reported.");

    public static SettingDefinition TestAssertions { get; } = Threshold(
        "test_assertions", Thresholds.MaxTestAssertions, "Assertions in one test above which it is reported.");

    public static SettingDefinition DocumentTests { get; } = new(
        "document_tests", "true or false", "false", "true, false", "Also ask for documentation in test code.");

    public static SettingDefinition ReviewDrafts { get; } = new(
        "review_drafts", "true or false", "false", "true, false", "The GitHub App also reviews draft pull requests.");

    /// <summary>Every setting, in the order the README lists them.</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
        [Exclude, Filter, MaxInlineComments, FailOn, Categories, Rules, Complexity, Nesting, FunctionLines, TestAssertions, DocumentTests, ReviewDrafts];

    /// <summary>The keys written at the top of the file.</summary>
    public static IReadOnlyList<string> TopLevelKeys { get; } = All.Select(s => s.TopLevelKey).Distinct().ToList();

    /// <summary>The keys under <c>thresholds:</c>.</summary>
    public static IReadOnlyList<SettingDefinition> ThresholdSettings { get; } = All.Where(s => s.TopLevelKey == "thresholds").ToList();

    /// <summary>The setting of a dotted key, or null when there is none.</summary>
    public static SettingDefinition? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>The table of every setting, as the README shows it.</summary>
    public static string MarkdownTable()
    {
        var table = new StringBuilder("| key | value | default | accepts | what it does |\n| --- | --- | --- | --- | --- |\n");
        foreach (var setting in All)
        {
            table.Append($"| `{setting.Key}` | {setting.Type} | {setting.Default} | {setting.Accepts} | {setting.Doc} |\n");
        }

        return table.ToString();
    }

    private static SettingDefinition Threshold(string name, int value, string doc) =>
        new("thresholds." + name, "whole number", Number(value), "1 to 10000", doc) { Min = 1, Max = 10_000 };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
